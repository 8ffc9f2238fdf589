using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stackmark.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VendorsVerificationNonces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "registration_decline_reason",
                table: "vendors",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "signature_version",
                table: "test_runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "verified_compliant",
                table: "test_runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "verified_guideline",
                table: "test_runs",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "verified_report_json",
                table: "test_runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "verified_target",
                table: "test_runs",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "result_verification_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    guideline = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    target = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compliant = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_result_verification_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_result_verification_events_test_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "test_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_result_verification_events_users_by_id",
                        column: x => x.by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "upload_nonces",
                columns: table => new
                {
                    nonce = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_upload_nonces", x => x.nonce);
                });

            migrationBuilder.CreateIndex(
                name: "IX_result_verification_events_by_id",
                table: "result_verification_events",
                column: "by_id");

            migrationBuilder.CreateIndex(
                name: "IX_result_verification_events_run_id_at",
                table: "result_verification_events",
                columns: new[] { "run_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_upload_nonces_expires_at",
                table: "upload_nonces",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "result_verification_events");

            migrationBuilder.DropTable(
                name: "upload_nonces");

            migrationBuilder.DropColumn(
                name: "registration_decline_reason",
                table: "vendors");

            migrationBuilder.DropColumn(
                name: "signature_version",
                table: "test_runs");

            migrationBuilder.DropColumn(
                name: "verified_compliant",
                table: "test_runs");

            migrationBuilder.DropColumn(
                name: "verified_guideline",
                table: "test_runs");

            migrationBuilder.DropColumn(
                name: "verified_report_json",
                table: "test_runs");

            migrationBuilder.DropColumn(
                name: "verified_target",
                table: "test_runs");
        }
    }
}
