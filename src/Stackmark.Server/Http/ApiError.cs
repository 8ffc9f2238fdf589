using Microsoft.AspNetCore.Http.HttpResults;

namespace Stackmark.Server.Http;

/// <summary>RefStack's error body: <c>{"code", "title", "detail"}</c>.</summary>
internal sealed record ApiError(int Code, string Title, string? Detail = null)
{
    public static JsonHttpResult<ApiError> Of(int code, string title, string? detail = null) =>
        TypedResults.Json(new ApiError(code, title, detail), statusCode: code);

    public static JsonHttpResult<ApiError> BadRequest(string title, string? detail = null) => Of(StatusCodes.Status400BadRequest, title, detail);

    public static JsonHttpResult<ApiError> Unauthorized(string title) => Of(StatusCodes.Status401Unauthorized, title);

    public static JsonHttpResult<ApiError> Forbidden(string title) => Of(StatusCodes.Status403Forbidden, title);

    public static JsonHttpResult<ApiError> NotFound(string title) => Of(StatusCodes.Status404NotFound, title);

    public static JsonHttpResult<ApiError> Conflict(string title) => Of(StatusCodes.Status409Conflict, title);
}
