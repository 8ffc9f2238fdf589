using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stackmark.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProductAttestations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "product_attestations",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guideline = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_attestations", x => new { x.product_id, x.guideline });
                    table.ForeignKey(
                        name: "FK_product_attestations_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_product_attestations_users_by_id",
                        column: x => x.by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_product_attestations_by_id",
                table: "product_attestations",
                column: "by_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "product_attestations");
        }
    }
}
