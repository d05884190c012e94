package gkeserving.program.autoscaling;

import com.pulumi.core.Output;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.ServingSettings;

import java.util.Map;

/**
 * KEDA (chart kedacore/keda) and its HTTP add-on (kedacore/keda-add-ons-http), pinned, in a namespace of their
 * own; the operator reads Managed Prometheus as a Google service account of its own through Workload Identity,
 * which holds {@link #VIEWER_ROLE} and nothing else.
 */
public final class KedaInstall {
    public static final String REPOSITORY = "https://kedacore.github.io/charts";
    public static final String KEDA_CHART = "keda";
    /** kedacore/charts tag v2.20.2 (commit cbb9bb8c), app KEDA v2.20.2 (kedacore/keda commit 68a5b502). */
    public static final String KEDA_VERSION = "2.20.2";
    public static final String HTTP_ADD_ON_CHART = "keda-add-ons-http";
    /** kedacore/charts commit c4b92e9 (chart 0.15.0), app http-add-on v0.15.0 (commit 4ea8a863): HTTP/2, gRPC over h2c. */
    public static final String HTTP_ADD_ON_VERSION = "0.15.0";
    public static final String NAMESPACE = "keda";
    /** The chart's operator service account (values serviceAccount.operator.name). */
    static final String OPERATOR_KSA = "keda-operator";
    public static final String VIEWER_ROLE = "roles/monitoring.viewer";
    static final String WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";
    static final int TIMEOUT_SECONDS = 600;

    private KedaInstall() {
    }

    static AccountArgs account(String stack, GcpSettings gcp) {
        return AccountArgs.builder().project(gcp.project()).accountId(accountId(stack))
                .displayName("KEDA reading Managed Prometheus (" + stack + ")").build();
    }

    /** Service account ids are 6..30 characters of [a-z0-9-], starting with a letter. */
    static String accountId(String stack) {
        String id = "keda-" + stack.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        id = id.length() > 30 ? id.substring(0, 30) : id;
        return id.replaceAll("-+$", "");
    }

    /** The one project role: read metrics (what the Prometheus scaler's queries need). */
    static IAMMemberArgs viewer(GcpSettings gcp, Output<String> email) {
        return IAMMemberArgs.builder().project(gcp.project()).role(VIEWER_ROLE)
                .member(email.applyValue(e -> "serviceAccount:" + e)).build();
    }

    /** Lets the operator's Kubernetes service account act as the Google one. */
    static com.pulumi.gcp.serviceaccount.IAMMemberArgs workloadIdentity(GcpSettings gcp, Output<String> accountName) {
        return com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder().serviceAccountId(accountName)
                .role(WORKLOAD_IDENTITY_USER)
                .member("serviceAccount:" + gcp.workloadPool() + "[" + NAMESPACE + "/" + OPERATOR_KSA + "]").build();
    }

    static ReleaseArgs keda(Output<String> email) {
        return release("keda", KEDA_CHART, KEDA_VERSION, email.applyValue(e -> Map.of(
                "podIdentity", Map.of("gcp", Map.of("enabled", true, "gcpIAMServiceAccount", e)))))
                .createNamespace(true).build();
    }

    /**
     * The interceptor holds a request for a workload at zero for up to the hold time-out, then answers 504. It runs
     * beside the model, in the serving namespace, so that the model's own load balancer Service can select it; its
     * pods are made to meet that namespace's restricted Pod Security Standard.
     */
    /** @param namespace the serving namespace as an output, so the release waits for it (and nothing else) */
    static ReleaseArgs httpAddOn(ServingSettings serving, Output<String> namespace) {
        return release("keda-add-ons-http", HTTP_ADD_ON_CHART, HTTP_ADD_ON_VERSION, Output.of(Map.of(
                "interceptor", Map.of("readinessTimeout", serving.autoscaling().holdTimeoutSeconds() + "s"),
                "podSecurityContext", Map.of("runAsNonRoot", true, "seccompProfile", Map.of("type", "RuntimeDefault"),
                        "fsGroup", 1000, "supplementalGroups", java.util.List.of(1000)))))
                .namespace(namespace)
                .build();
    }

    private static ReleaseArgs.Builder release(String name, String chart, String version, Output<Map<String, Object>> values) {
        return ReleaseArgs.builder().name(name).chart(chart).version(version)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(REPOSITORY).build())
                .namespace(NAMESPACE).values(values).timeout(TIMEOUT_SECONDS);
    }
}
