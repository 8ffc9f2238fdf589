using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stackmark.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegionsAndGovernance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "flag_proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    guideline = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    test = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    idempotent_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    capabilities = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    reason_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    rationale = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    proposed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    proposed_by_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    proposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flag_proposals", x => x.id);
                    table.ForeignKey(
                        name: "FK_flag_proposals_users_decided_by_id",
                        column: x => x.decided_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_flag_proposals_users_proposed_by_id",
                        column: x => x.proposed_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "product_regions",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    runtime = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    guest_operating_systems = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_regions", x => new { x.product_id, x.name });
                    table.ForeignKey(
                        name: "FK_product_regions_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scoring_worksheets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    guideline = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scoring_worksheets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "waivers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guideline = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    target = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    capability = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    tests = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    granted_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    granted_by_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    granted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_by_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_waivers", x => x.id);
                    table.ForeignKey(
                        name: "FK_waivers_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_waivers_users_granted_by_id",
                        column: x => x.granted_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "scoring_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worksheet_id = table.Column<Guid>(type: "uuid", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    capability = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    line_number = table.Column<int>(type: "integer", nullable: true),
                    old_line = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    new_line = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    comment = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    by_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scoring_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_scoring_changes_scoring_worksheets_worksheet_id",
                        column: x => x.worksheet_id,
                        principalTable: "scoring_worksheets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_scoring_changes_users_by_id",
                        column: x => x.by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_flag_proposals_decided_by_id",
                table: "flag_proposals",
                column: "decided_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_flag_proposals_guideline_status",
                table: "flag_proposals",
                columns: new[] { "guideline", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_flag_proposals_proposed_by_id",
                table: "flag_proposals",
                column: "proposed_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_scoring_changes_by_id",
                table: "scoring_changes",
                column: "by_id");

            migrationBuilder.CreateIndex(
                name: "IX_scoring_changes_worksheet_id_revision",
                table: "scoring_changes",
                columns: new[] { "worksheet_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scoring_worksheets_guideline",
                table: "scoring_worksheets",
                column: "guideline",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_waivers_granted_by_id",
                table: "waivers",
                column: "granted_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_waivers_product_id",
                table: "waivers",
                column: "product_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "flag_proposals");

            migrationBuilder.DropTable(
                name: "product_regions");

            migrationBuilder.DropTable(
                name: "scoring_changes");

            migrationBuilder.DropTable(
                name: "waivers");

            migrationBuilder.DropTable(
                name: "scoring_worksheets");
        }
    }
}
