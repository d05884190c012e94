package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.config.ServingSettings;

import java.util.Map;
import java.util.Optional;

/**
 * The LoadBalancer Service in front of the pods: REST on 8501, gRPC on 8500, each to the container port
 * of the same name. {@code externalTrafficPolicy: Local}: the load balancer sends only to nodes with a
 * ready serving pod (no second hop through another node) and clients' addresses reach the pods.
 */
final class TfServingService {
    /** The annotation that makes GKE provision an internal passthrough load balancer instead of an external one. */
    public static final String INTERNAL_LB_ANNOTATION = "networking.gke.io/load-balancer-type";

    private TfServingService() {
    }

    /** @param address the reserved address to take (see {@link TfServingAddress}); empty for an ephemeral one */
    static ServiceArgs args(ServingLabels labels, Output<String> namespace, ServingSettings.Service service,
                            Optional<Output<String>> address) {
        return ServiceArgs.builder()
                .metadata(metadata(labels, namespace, service))
                .spec(spec(labels, service, address))
                .build();
    }

    private static ObjectMetaArgs metadata(ServingLabels labels, Output<String> namespace, ServingSettings.Service service) {
        var meta = labels.metadata(labels.workload(), namespace);
        if (service.internal()) {
            meta.annotations(Map.of(INTERNAL_LB_ANNOTATION, "Internal"));
        }
        return meta.build();
    }

    private static ServiceSpecArgs spec(ServingLabels labels, ServingSettings.Service service, Optional<Output<String>> address) {
        var spec = ServiceSpecArgs.builder()
                .type("LoadBalancer")
                .selector(labels.selector())
                .externalTrafficPolicy("Local")
                .ports(port(ServingPod.HTTP, TfServingFlags.REST_PORT), port(ServingPod.GRPC, TfServingFlags.GRPC_PORT));
        if (!service.sourceRanges().isEmpty()) {
            spec.loadBalancerSourceRanges(service.sourceRanges());
        }
        address.ifPresent(spec::loadBalancerIP);
        return spec.build();
    }

    private static ServicePortArgs port(String name, int port) {
        return ServicePortArgs.builder().name(name).port(port).targetPort(name).protocol("TCP").build();
    }
}
