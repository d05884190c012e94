package gkeserving.program.config;

import java.util.Optional;

/**
 * {@code gke-gpu-serving:network}: the VPC the cluster runs in. Without {@code network} the program creates
 * its own (custom mode, one regional subnet with secondary ranges for pods and services, Private Google
 * Access, Cloud NAT for private nodes); with {@code network} and {@code subnetwork} it uses existing ones in
 * {@code gcp:project} and creates no network resources but, when asked, the NAT.
 */
public record NetworkSettings(
        Optional<String> network,
        Optional<String> subnetwork,
        Optional<String> podsRangeName,
        Optional<String> servicesRangeName,
        Optional<String> subnetCidr,
        Optional<String> podsCidr,
        Optional<String> servicesCidr,
        Optional<Boolean> cloudNat) {

    public static final String DEFAULT_SUBNET_CIDR = "10.10.0.0/20";
    public static final String DEFAULT_PODS_CIDR = "10.16.0.0/14";
    public static final String DEFAULT_SERVICES_CIDR = "10.20.0.0/20";
    /** The secondary ranges of the program's own subnet. */
    public static final String OWN_PODS_RANGE = "pods";
    public static final String OWN_SERVICES_RANGE = "services";

    static NetworkSettings read(ConfigReader r) {
        var s = new NetworkSettings(
                r.optString("network"),
                r.optString("subnetwork"),
                r.optString("podsRangeName"),
                r.optString("servicesRangeName"),
                r.optString("subnetCidr"),
                r.optString("podsCidr"),
                r.optString("servicesCidr"),
                r.optBool("cloudNat"));
        r.rejectUnknownKeys();
        return s;
    }

    /** No existing network named: the program creates and owns the VPC. */
    public boolean owned() {
        return network.isEmpty();
    }

    /** The primary range of the program's own subnet (the nodes' addresses). */
    public String ownSubnetCidr() {
        return subnetCidr.orElse(DEFAULT_SUBNET_CIDR);
    }

    /** The pods' range: a secondary range of the own subnet, or the one GKE creates in an existing subnet when set. */
    public Optional<String> podsCidrBlock() {
        return owned() ? Optional.of(podsCidr.orElse(DEFAULT_PODS_CIDR)) : podsCidr;
    }

    public Optional<String> servicesCidrBlock() {
        return owned() ? Optional.of(servicesCidr.orElse(DEFAULT_SERVICES_CIDR)) : servicesCidr;
    }

    /** The secondary range the cluster takes its pods' addresses from; empty: GKE creates one. */
    public Optional<String> podsSecondaryRange() {
        return owned() ? Optional.of(OWN_PODS_RANGE) : podsRangeName;
    }

    public Optional<String> servicesSecondaryRange() {
        return owned() ? Optional.of(OWN_SERVICES_RANGE) : servicesRangeName;
    }

    /**
     * Cloud NAT for private nodes: by default only on the program's own network. An existing network usually
     * has its egress already, and a second NAT for the same subnet ranges in a region is refused.
     */
    public boolean natWanted() {
        return cloudNat.orElse(owned());
    }
}
