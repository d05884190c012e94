package gkeserving.program.cluster;

/**
 * The kubeconfig for a GKE cluster, authenticating through {@code gke-gcloud-auth-plugin} so no
 * long-lived credential is ever written into state: the plugin mints a short-lived token from the
 * caller's gcloud credentials on each use.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /** gcloud's own context name for the cluster, so the kubeconfig sits alongside one gcloud writes. */
    public static String contextName(String project, String location, String clusterName) {
        return "gke_" + project + "_" + location + "_" + clusterName;
    }

    public static String render(String contextName, String endpoint, String caCertificateBase64) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: https://%2$s
                    certificate-authority-data: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: gke-gcloud-auth-plugin
                      installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin (see https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl)"
                      provideClusterInfo: true
                """.formatted(contextName, endpoint, caCertificateBase64);
    }
}
