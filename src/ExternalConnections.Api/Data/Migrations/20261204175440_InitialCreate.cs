using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExternalConnections.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "external_connections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    provider = table.Column<string>(type: "text", nullable: false),
                    connection_type = table.Column<string>(type: "text", nullable: false),
                    connection_status = table.Column<string>(type: "text", nullable: false),
                    owning_workspace_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    owning_user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    label = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: true),
                    encrypted_credentials_ref = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    external_principal_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    configuration = table.Column<string>(type: "jsonb", nullable: true),
                    last_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    workspace_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    visibility_mode = table.Column<string>(type: "text", nullable: false),
                    external_sub = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    connection_role = table.Column<string>(type: "text", nullable: false),
                    ai_access_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_connections", x => x.id);
                    table.CheckConstraint("ck_external_connections_connection_role", "connection_role IN ('orchestrator', 'personal')");
                    table.CheckConstraint("ck_external_connections_connection_status", "connection_status IN ('active', 'disconnected', 'expired', 'revoked', 'error')");
                    table.CheckConstraint("ck_external_connections_connection_type", "connection_type IN ('user_oauth', 'service_account', 'bot_token', 'webhook', 'github_app')");
                    table.CheckConstraint("ck_external_connections_provider", "provider IN ('google_workspace', 'telegram', 'whatsapp', 'discord', 'generic_monitoring', 'slack', 'microsoft_teams', 'jira', 'github', 'openclaw')");
                    table.CheckConstraint("ck_external_connections_visibility_mode", "visibility_mode IN ('global', 'workspace_local', 'shared')");
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    caller_subject = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    response_entity_tag = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.caller_subject, x.key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_created_at_id",
                table: "external_connections",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_external_principal_id_created_at_id",
                table: "external_connections",
                columns: new[] { "external_principal_id", "created_at", "id" },
                filter: "external_principal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_external_principal_id_updated_at_id",
                table: "external_connections",
                columns: new[] { "external_principal_id", "updated_at", "id" },
                filter: "external_principal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_owning_user_id_created_at_id",
                table: "external_connections",
                columns: new[] { "owning_user_id", "created_at", "id" },
                filter: "owning_user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_owning_user_id_updated_at_id",
                table: "external_connections",
                columns: new[] { "owning_user_id", "updated_at", "id" },
                filter: "owning_user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_owning_workspace_id_created_at_id",
                table: "external_connections",
                columns: new[] { "owning_workspace_id", "created_at", "id" },
                filter: "owning_workspace_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_owning_workspace_id_updated_at_id",
                table: "external_connections",
                columns: new[] { "owning_workspace_id", "updated_at", "id" },
                filter: "owning_workspace_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_updated_at_id",
                table: "external_connections",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_workspace_id_created_at_id",
                table: "external_connections",
                columns: new[] { "workspace_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_external_connections_workspace_id_updated_at_id",
                table: "external_connections",
                columns: new[] { "workspace_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_expires_at",
                table: "idempotency_keys",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "external_connections");

            migrationBuilder.DropTable(
                name: "idempotency_keys");
        }
    }
}
