package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;

import java.util.List;
import java.util.Map;

/**
 * What may reach the serving pods: clients on the REST and gRPC ports (the load balancer's source ranges
 * choose which clients), and Managed Prometheus's collectors on the REST port, where the metrics are.
 * Nothing else; egress is left open. Enforced by Dataplane V2 ({@code cluster.dataplaneV2}).
 */
final class TfServingNetworkPolicy {
    /** The namespace GKE's Managed Prometheus collectors run in. */
    static final String SCRAPER_NAMESPACE = "gmp-system";

    private TfServingNetworkPolicy() {
    }

    static NetworkPolicyArgs args(ServingLabels labels, Output<String> namespace) {
        // The scraper rule is implied by the first today; it keeps metrics flowing if clients are narrowed later.
        var scraper = NetworkPolicyPeerArgs.builder().namespaceSelector(LabelSelectorArgs.builder()
                .matchLabels(Map.of("kubernetes.io/metadata.name", SCRAPER_NAMESPACE)).build()).build();
        return NetworkPolicyArgs.builder()
                .metadata(labels.workloadMetadata(namespace))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(labels.selectorArgs())
                        .policyTypes("Ingress")
                        .ingress(
                                NetworkPolicyIngressRuleArgs.builder()
                                        .ports(port(TfServingFlags.REST_PORT), port(TfServingFlags.GRPC_PORT)).build(),
                                NetworkPolicyIngressRuleArgs.builder()
                                        .from(List.of(scraper)).ports(port(TfServingFlags.REST_PORT)).build())
                        .build())
                .build();
    }

    private static NetworkPolicyPortArgs port(int number) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(number).build();
    }
}
