using Stackmark.Server.Auth;

namespace Stackmark.Server.Web;

internal static partial class ResultPages
{
    /// <summary>The foundation's verify/unverify form, posted from a result's page or the verification queue; the API decides who may.</summary>
    private static async Task<IResult> VerifyAsync(string id, HttpContext http, ApiBridge api)
    {
        if (!await Ui.CsrfValidAsync(http))
        {
            return Ui.CsrfRefused(http);
        }

        if (Caller.From(http.User) is null)
        {
            return TypedResults.Redirect($"/login?returnUrl={Uri.EscapeDataString($"/results/{id}")}");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var verify = form["action"].ToString() != "unverify";
        var reply = await api.CallAsync(http, HttpMethods.Put, "/v1/results/{id}", new Dictionary<string, string> { ["id"] = id }, json: new Dictionary<string, int> { ["verification_status"] = verify ? 1 : 0 });
        if (!reply.Ok)
        {
            return Ui.Error(http, "Verification refused", reply);
        }

        // Back to the queue when the form came from it (a fixed choice, never a URL from the form).
        return verify && form["back"].ToString() == "queue"
            ? TypedResults.Redirect("/verification?notice=verified")
            : TypedResults.Redirect($"/results/{Uri.EscapeDataString(id)}?notice={(verify ? "verified" : "unverified")}");
    }
}
