namespace Stackmark.OpenStack;

/// <summary>Tempest service codenames (<c>[service_available]</c>) and the catalog types that provide them (python-tempestconf's table).</summary>
internal static class ServiceKinds
{
    public static readonly (string Codename, string[] Types)[] All =
    [
        ("nova", ["compute"]),
        ("cinder", ["volumev3", "block-storage", "volumev2", "volume"]),
        ("neutron", ["network"]),
        ("glance", ["image"]),
        ("swift", ["object-store"]),
        ("heat", ["orchestration"]),
        ("manila", ["sharev2", "share"]),
        ("octavia", ["load-balancer"]),
        ("ceilometer", ["metering"]),
        ("aodh", ["alarming"]),
        ("ironic", ["baremetal"]),
        ("sahara", ["data-processing"]),
        ("trove", ["database"]),
        ("designate", ["dns"]),
        ("panko", ["event"]),
        ("barbican", ["key-manager"]),
        ("zaqar", ["messaging"]),
        ("gnocchi", ["metric"]),
        ("mistral", ["workflowv2", "workflow"]),
    ];
}
