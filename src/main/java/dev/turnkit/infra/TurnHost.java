package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.turnkit.infra.oci.Instance;
import dev.turnkit.infra.oci.InstanceArgs;
import dev.turnkit.infra.oci.PrivateIp;
import dev.turnkit.infra.oci.PrivateIpArgs;
import dev.turnkit.infra.oci.PublicIp;
import dev.turnkit.infra.oci.PublicIpArgs;
import dev.turnkit.infra.oci.Rrset;
import dev.turnkit.infra.oci.RrsetArgs;
import dev.turnkit.model.StackConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The TURN host on Oracle Cloud: its network and cloud firewall ({@link HostNetwork}), a reserved public IP, the VM
 * (placed by {@link HostPlacement}; cloud-init user data with the reserved public IP, the fixed private IP and the
 * turnkit jar, uploaded by {@link JarUpload} unless the stack names a release) and, when a DNS zone is configured,
 * the A record of the TURN name.
 *
 * <p>Every child is parented to this component and named {@code <name>-<role>}. One {@code pulumi up} creates
 * everything in the order PrivateIp → PublicIp → Instance: the fixed private IP is a reserved
 * {@code oci:Core/privateIp:PrivateIp} in the subnet (no VNIC yet), the reserved public IP points at it
 * ({@code privateIpId}), and the VM launches onto it ({@code createVnicDetails.privateIpId}) with both addresses
 * in its cloud-init. No lookup depends on the VM existing, so a second run has nothing to change. Whether OCI
 * routes a public IP to a reserved private IP before a VNIC holds it is not documented; the host's bootstrap
 * therefore verifies the mapping at boot (metadata service + STUN) before it starts coturn.
 */
public final class TurnHost extends ComponentResource {
    /** Pulumi type token of the component. */
    public static final String TYPE = "turnkit:index:TurnHost";

    private final Output<String> publicIp;
    private final Output<Boolean> publicIpAttached;
    private final Output<String> instanceId;
    private final Output<String> availabilityDomain;
    private final Output<String> imageId;
    private final String privateIp;

    /**
     * @param name      component name; children are named {@code <name>-<role>}
     * @param config    the validated stack config
     * @param firewall  the cloud firewall table (see {@link NsgRules#of})
     * @param cloudInit produces the user data once the reserved public IP is known
     * @param jar       where the VM gets turnkit.jar ({@link TurnkitJar#of})
     * @param options   component options
     */
    public TurnHost(String name, StackConfig config, SortedMap<String, NsgRule> firewall, CloudInit cloudInit,
            TurnkitJar jar, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        String compartment = config.oci().compartmentId();
        Map<String, String> tags = Map.of("turnkit-stack", config.stack());

        HostNetwork network = HostNetwork.create(name, config, firewall, child, tags);
        HostPlacement placement = HostPlacement.lookUp(this, config);
        this.availabilityDomain = placement.availabilityDomain();
        this.imageId = placement.imageId();

        // ---- the jar: a release (by version or URL), or the laptop build uploaded with a short-lived URL --------
        Output<StackConfig> withJar;
        if (jar instanceof TurnkitJar.Upload upload) {
            withJar = JarUpload.create(this, name, config, upload, child, tags).url()
                    .applyValue(url -> config.withJar(url, upload.sha256()));
        } else {
            TurnkitJar.Released released = (TurnkitJar.Released) jar;
            withJar = Output.of(config.withJar(released.url(), released.sha256()));
        }

        // ---- reserved private IP -> reserved public IP on it: both exist before the VM ------------------------
        this.privateIp = config.network().privateIp();
        PrivateIp reservedPrivate = new PrivateIp(name + "-private-ip", PrivateIpArgs.builder()
                .subnetId(network.subnet().id())
                .ipAddress(privateIp)
                .lifetime("RESERVED")
                .displayName(name + "-private-ip")
                .freeformTags(tags)
                .build(), child);
        PublicIp reserved = new PublicIp(name + "-ip", PublicIpArgs.builder()
                .compartmentId(compartment)
                .lifetime("RESERVED")
                .displayName(name + "-ip")
                .privateIpId(reservedPrivate.id())
                .freeformTags(tags)
                .build(), child);
        this.publicIp = reserved.ipAddress();
        this.publicIpAttached = Output.tuple(reserved.privateIpId(), reservedPrivate.id())
                .applyValue(t -> t.t2.equals(t.t1));

        // ---- the VM: fixed private IP, no ephemeral public IP, cloud-init with both addresses and the jar ---------
        Output<String> userData = Output.tuple(publicIp, withJar)
                .apply(t -> cloudInit.render(t.t2.withAddresses(t.t1, null)))
                .applyValue(text -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                .asSecret();
        Output<Map<String, String>> metadata = userData.applyValue(data -> {
            Map<String, String> m = new TreeMap<>();
            m.put("ssh_authorized_keys", config.access().sshPublicKey());
            m.put("user_data", data);
            return m;
        });
        InstanceArgs.Builder vm = InstanceArgs.builder()
                .availabilityDomain(availabilityDomain)
                .compartmentId(compartment)
                .displayName(name + "-vm")
                .shape(config.instance().shape().ociName())
                .createVnicDetails(InstanceArgs.CreateVnicDetails.builder()
                        .subnetId(network.subnet().id())
                        .assignPublicIp("false")
                        .privateIpId(reservedPrivate.id())
                        .nsgIds(network.nsg().id().applyValue(List::of))
                        .hostnameLabel("turn")
                        .displayName(name + "-vnic")
                        .build())
                .sourceDetails(InstanceArgs.SourceDetails.builder()
                        .sourceType("image")
                        .sourceId(imageId)
                        .bootVolumeSizeInGbs(Integer.toString(config.instance().bootVolumeGb()))
                        .build())
                .metadata(metadata)
                .preserveBootVolume(false)
                .freeformTags(tags);
        if (config.instance().shape().flexible()) {
            vm.shapeConfig(InstanceArgs.ShapeConfig.builder()
                    .ocpus((double) config.instance().ocpus())
                    .memoryInGbs((double) config.instance().memoryGb())
                    .build());
        }
        Instance instance = new Instance(name + "-vm", vm.build(), child);
        this.instanceId = instance.id();

        // ---- DNS: the TURN name -> reserved public IP, only when the zone is managed here --------------------
        config.oci().dnsZone().ifPresent(zone -> new Rrset(name + "-dns", RrsetArgs.builder()
                .domain(config.domain())
                .rtype("A")
                .zoneNameOrId(zone)
                .items(publicIp.applyValue(ip -> List.of(RrsetArgs.Item.builder()
                        .domain(config.domain())
                        .rdata(ip)
                        .rtype("A")
                        .ttl(300)
                        .build())))
                .build(), child));

        registerOutputs(Map.of(
                "publicIp", publicIp,
                "publicIpAttached", publicIpAttached,
                "privateIp", Output.of(privateIp),
                "instanceId", instanceId,
                "availabilityDomain", availabilityDomain,
                "imageId", imageId));
    }

    public Output<String> publicIp() {
        return publicIp;
    }

    /** Whether the reserved public IP points at the VM's reserved private IP (true after one {@code pulumi up}). */
    public Output<Boolean> publicIpAttached() {
        return publicIpAttached;
    }

    public String privateIp() {
        return privateIp;
    }

    public Output<String> instanceId() {
        return instanceId;
    }

    public Output<String> availabilityDomain() {
        return availabilityDomain;
    }

    public Output<String> imageId() {
        return imageId;
    }
}
