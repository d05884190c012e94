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
public final class TfServingService {
    /** The annotation that makes GKE provision an internal passthrough load balancer instead of an external one. */
    public static final String INTERNAL_LB_ANNOTATION = "networking.gke.io/load-balancer-type";

    private TfServingService() {
    }

    /** The pods of the HTTP add-on's interceptor (chart keda-add-ons-http, release of that name) and their port. */
    public static final Map<String, String> INTERCEPTOR_SELECTOR = Map.of(
            "app.kubernetes.io/component", "interceptor",
            "app.kubernetes.io/name", "http-add-on",
            "app.kubernetes.io/instance", "keda-add-ons-http");
    static final String INTERCEPTOR_PORT = "proxy";
    static final String BACKEND_SUFFIX = "-backend";

    /**
     * @param address   the reserved address to take (see {@link TfServingAddress}); empty for an ephemeral one
     * @param holdFirst scale to zero: the load balancer sends to the interceptor, which holds a request while
     *                  the first replica starts and then passes it to {@link #backend}
     */
    static ServiceArgs args(ServingLabels labels, Output<String> namespace, ServingSettings.Service service,
                            Optional<Output<String>> address, boolean holdFirst) {
        return ServiceArgs.builder()
                .metadata(metadata(labels, namespace, service))
                .spec(spec(labels, service, address, holdFirst))
                .build();
    }

    /** The serving pods behind the interceptor, in the cluster only. */
    static ServiceArgs backend(ServingLabels labels, Output<String> namespace) {
        return ServiceArgs.builder()
                .metadata(labels.metadata(backendName(labels), namespace).build())
                .spec(ServiceSpecArgs.builder().type("ClusterIP").selector(labels.selector())
                        .ports(port(ServingPod.HTTP, TfServingFlags.REST_PORT, ServingPod.HTTP),
                                port(ServingPod.GRPC, TfServingFlags.GRPC_PORT, ServingPod.GRPC))
                        .build())
                .build();
    }

    public static String backendName(ServingLabels labels) {
        return labels.workload() + BACKEND_SUFFIX;
    }

    private static ObjectMetaArgs metadata(ServingLabels labels, Output<String> namespace, ServingSettings.Service service) {
        var meta = labels.metadata(labels.workload(), namespace);
        if (service.internal()) {
            meta.annotations(Map.of(INTERNAL_LB_ANNOTATION, "Internal"));
        }
        return meta.build();
    }

    private static ServiceSpecArgs spec(ServingLabels labels, ServingSettings.Service service, Optional<Output<String>> address,
                                        boolean holdFirst) {
        var spec = ServiceSpecArgs.builder()
                .type("LoadBalancer")
                .selector(holdFirst ? INTERCEPTOR_SELECTOR : labels.selector())
                .externalTrafficPolicy("Local")
                .ports(port(ServingPod.HTTP, TfServingFlags.REST_PORT, holdFirst ? INTERCEPTOR_PORT : ServingPod.HTTP),
                        port(ServingPod.GRPC, TfServingFlags.GRPC_PORT, holdFirst ? INTERCEPTOR_PORT : ServingPod.GRPC));
        if (!service.sourceRanges().isEmpty()) {
            spec.loadBalancerSourceRanges(service.sourceRanges());
        }
        address.ifPresent(spec::loadBalancerIP);
        return spec.build();
    }

    private static ServicePortArgs port(String name, int port, String target) {
        return ServicePortArgs.builder().name(name).port(port).targetPort(target).protocol("TCP").build();
    }
}
