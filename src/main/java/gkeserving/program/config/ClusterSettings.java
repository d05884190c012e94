package gkeserving.program.config;

import java.util.List;
import java.util.Optional;

/** {@code gke-gpu-serving:cluster}: the GKE control plane. */
public record ClusterSettings(
        Optional<String> name,
        String location,
        ReleaseChannel releaseChannel,
        boolean deletionProtection,
        boolean privateNodes,
        String masterIpv4CidrBlock,
        List<String> masterAuthorizedNetworks,
        Hardening hardening) {

    /**
     * Hardening switches, each on by default.
     *
     * @param dataplaneV2         Dataplane V2 ({@code ADVANCED_DATAPATH}): enforces NetworkPolicy; force-new on the cluster
     * @param binaryAuthorization enforce the project's Binary Authorization policy on every pod
     * @param secretsEncryption   encrypt Secrets in etcd with a Cloud KMS key the program creates
     */
    public record Hardening(boolean dataplaneV2, boolean binaryAuthorization, boolean secretsEncryption) {
    }

    public enum ReleaseChannel { RAPID, REGULAR, STABLE }

    static ClusterSettings read(ConfigReader r, String defaultLocation) {
        var s = new ClusterSettings(
                r.optString("name"),
                r.string("location", defaultLocation),
                r.choice("releaseChannel", ReleaseChannel.REGULAR, ReleaseChannel.class),
                r.bool("deletionProtection", true),
                r.bool("privateNodes", false),
                // GKE needs a /28 for the control plane's peering range when nodes are private.
                r.string("masterIpv4CidrBlock", "172.16.0.0/28"),
                r.strings("masterAuthorizedNetworks", List.of()),
                new Hardening(r.bool("dataplaneV2", true), r.bool("binaryAuthorization", true),
                        r.bool("secretsEncryption", true)));
        r.rejectUnknownKeys();
        return s;
    }

    /** A region (us-central1) gives a regional cluster; a zone (us-central1-a) a zonal one. */
    public boolean regional() {
        return GcpLocations.isRegion(location);
    }

    public String region() {
        return GcpLocations.regionOf(location);
    }
}
