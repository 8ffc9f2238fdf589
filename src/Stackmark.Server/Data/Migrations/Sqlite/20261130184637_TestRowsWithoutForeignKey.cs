using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stackmark.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TestRowsWithoutForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_test_run_results_test_runs_run_id",
                table: "test_run_results");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_test_run_results_test_runs_run_id",
                table: "test_run_results",
                column: "run_id",
                principalTable: "test_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
