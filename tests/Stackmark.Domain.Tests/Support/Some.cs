using System.Text.Json.Nodes;

namespace Stackmark.Tests.Support;

/// <summary>Object mother: small hand-made guidelines, each quirk and error built on a valid base.</summary>
public static class Some
{
    public const string ListId = "e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59";
    public const string CreateId = "b92d5ec7-b1dd-44a2-87e4-45e888c46ef0";
    public const string ObjectId = "5b3a7c5e-b7bb-4a4a-8cae-2dc21d0d1a62";
    public const string FlaggedId = "11111111-2222-4333-8444-555555555555";

    /// <summary>A valid 2.0 core guideline with compute (3 capabilities) and storage (1 capability).</summary>
    public static JsonObject V2() => JsonNode.Parse("""
    {
      "metadata": {
        "id": "2099.01", "schema": "2.0", "source": "test",
        "scoring": {"cutoff_score": 74, "criteria": {
          "deployed": {"name": "Widely Deployed", "description": "d", "weight": 60},
          "clients": {"name": "Used by Clients", "description": "c", "weight": 40}}},
        "os_trademark_approval": {"target_approval": "2099.01", "replaces": "2098.06", "releases": ["zed"], "status": "approved"}
      },
      "platforms": {
        "OpenStack Powered Platform": {"description": "all", "components": [{"name": "os_powered_compute"}, {"name": "os_powered_storage"}]},
        "OpenStack Powered Compute": {"description": "compute", "components": [{"name": "os_powered_compute"}]},
        "OpenStack Powered Storage": {"description": "storage", "components": [{"name": "os_powered_storage"}]}
      },
      "components": {
        "os_powered_compute": {"capabilities": {"required": ["compute-flavors-list", "compute-servers-create"], "advisory": ["compute-servers-resize"], "deprecated": [], "removed": []}},
        "os_powered_storage": {"capabilities": {"required": ["objectstore-container-create"], "advisory": [], "deprecated": [], "removed": []}}
      },
      "capabilities": {
        "compute-flavors-list": {"achievements": ["deployed"], "admin": false, "description": "List flavors", "project": "nova", "required_since": "2015.07",
          "tests": {"tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors": {"idempotent_id": "id-@ListId@",
                      "aliases": ["tempest.api.compute.flavors.test_flavors.FlavorsTestJSON.test_list_flavors"]}}},
        "compute-servers-create": {"achievements": ["deployed", "clients"], "admin": false, "description": "Create", "project": "nova",
          "tests": {"tempest.api.compute.servers.test_create_server.ServersTestJSON.test_create_server": {"idempotent_id": "id-@CreateId@"},
                    "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_host_name_is_same_as_server_name": {"idempotent_id": "id-@FlaggedId@",
                      "flagged": {"reason": "D400 needs SSH into a guest", "action": "flag", "date": "2099-01-01"}}}},
        "compute-servers-resize": {"achievements": [], "admin": false, "description": "Resize", "project": "nova",
          "tests": {"tempest.api.compute.servers.test_server_actions.ServerActionsTestJSON.test_resize_server_confirm": {"idempotent_id": "id-1499262a-9328-4eda-9068-db1ac57498d2"}}},
        "objectstore-container-create": {"achievements": ["deployed"], "admin": false, "description": "Create containers", "project": "swift",
          "tests": {"tempest.api.object_storage.test_container_services.ContainerTest.test_create_container": {"idempotent_id": "id-@ObjectId@"}}}
      },
      "designated_sections": {"nova": {"required": {"guidance": "all", "sections": {}}}},
      "test_repositories": {"tempest": {"repository": "https://opendev.org/openstack/tempest", "reference": "33.0.0"}}
    }
    """.Replace("@ListId@", ListId).Replace("@CreateId@", CreateId).Replace("@FlaggedId@", FlaggedId).Replace("@ObjectId@", ObjectId))!.AsObject();

    public static LoadResult Load(JsonNode json, string fileName = "2099.01.json") => GuidelineLoader.Load(json.ToJsonString(Indented), fileName);

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Guideline Guideline(JsonNode? json = null, string fileName = "2099.01.json")
    {
        var result = Load(json ?? V2(), fileName);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    /// <summary>The codes of a load's warnings.</summary>
    public static IReadOnlyList<string> WarningCodes(Guideline g) => [.. g.Warnings.Select(w => w.Code)];

    public static JsonObject Test(JsonObject guideline, string capability, string test) =>
        guideline["capabilities"]![capability]!["tests"]![test]!.AsObject();

    public const string CreateServer = "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_create_server";
    public const string ListFlavors = "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors";
    public const string ListFlavorsOldName = "tempest.api.compute.flavors.test_flavors.FlavorsTestJSON.test_list_flavors";
    public const string HostName = "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_host_name_is_same_as_server_name";
    public const string CreateContainer = "tempest.api.object_storage.test_container_services.ContainerTest.test_create_container";
}
