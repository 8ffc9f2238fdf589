namespace Stackmark.OpenStack;

/// <summary>
/// The kinds of resources a run's accounts may hold, declared in the order they are removed: owners before what they
/// own and users before what they use (stacks before their servers, servers before their ports, volumes and groups,
/// snapshots before volumes, router interfaces before routers and subnets, subnets before networks, ports before
/// security groups, objects with their container, account metadata last).
/// </summary>
public enum ResourceKind
{
    /// <summary>A Heat stack (id <c>{name}/{id}</c>): deleting it removes what it made.</summary>
    Stack,

    /// <summary>A Designate zone.</summary>
    Zone,

    /// <summary>A Nova server.</summary>
    Server,

    /// <summary>A Neutron floating IP.</summary>
    FloatingIp,

    /// <summary>A Cinder backup.</summary>
    VolumeBackup,

    /// <summary>A Cinder snapshot.</summary>
    VolumeSnapshot,

    /// <summary>A Cinder volume.</summary>
    Volume,

    /// <summary>A Glance image the project owns.</summary>
    Image,

    /// <summary>A router interface: its port id, with the router as <see cref="CloudResource.Parent"/>.</summary>
    RouterInterface,

    /// <summary>A Neutron router.</summary>
    Router,

    /// <summary>A Neutron port that Neutron does not manage itself (not DHCP, gateway or router interface).</summary>
    Port,

    /// <summary>A Neutron subnet.</summary>
    Subnet,

    /// <summary>A Neutron subnet pool.</summary>
    SubnetPool,

    /// <summary>A Neutron network.</summary>
    Network,

    /// <summary>A Neutron security group other than <c>default</c>.</summary>
    SecurityGroup,

    /// <summary>A Nova keypair (the user's; id = name).</summary>
    Keypair,

    /// <summary>A Nova server group.</summary>
    ServerGroup,

    /// <summary>A Swift container (id = name), removed with every object (and object version) in it.</summary>
    Container,

    /// <summary>A Swift account metadata key (id = the key after <c>X-Account-Meta-</c>, lower case).</summary>
    AccountMetadata,
}
