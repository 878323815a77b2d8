# syntax=docker/dockerfile:1

# Build: restore first, from the project files alone, so the package layer stays cached
# until a dependency changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ExternalConnections.Api/ExternalConnections.Api.csproj src/ExternalConnections.Api/
RUN dotnet restore src/ExternalConnections.Api/ExternalConnections.Api.csproj
COPY src/ src/
RUN dotnet publish src/ExternalConnections.Api/ExternalConnections.Api.csproj \
    --configuration Release --no-restore --output /app

# Run: the ASP.NET Core runtime only, as the image's unprivileged 'app' user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    LogFormat=json
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ExternalConnections.Api.dll"]
