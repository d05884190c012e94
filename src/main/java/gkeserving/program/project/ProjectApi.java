package gkeserving.program.project;

/**
 * The Google APIs the program needs in {@code gcp:project}, each with the resources that call it. Service Usage
 * ({@code serviceusage.googleapis.com}, through which the others are enabled) is on in every new project and is
 * assumed here.
 */
public enum ProjectApi {
    /** The VPC, subnet, router and NAT, the serving address; GKE's nodes are Compute Engine VMs. */
    COMPUTE("compute.googleapis.com"),
    /** The cluster and its node pools, and the channel-version lookup before anything is registered. */
    CONTAINER("container.googleapis.com"),
    /** Image streaming: the node pools enable it (gcfsConfig), which GKE refuses while this API is off. */
    CONTAINER_FILESYSTEM("containerfilesystem.googleapis.com"),
    /** The serving image's repository, its IAM grant and the push. */
    ARTIFACT_REGISTRY("artifactregistry.googleapis.com"),
    /** The node service account. */
    IAM("iam.googleapis.com"),
    /** Project IAM bindings (projects.setIamPolicy): the node account's roles. */
    CLOUD_RESOURCE_MANAGER("cloudresourcemanager.googleapis.com"),
    /** The cluster sends system logs and metrics, and the node account writes them (roles/container.defaultNodeServiceAccount). */
    LOGGING("logging.googleapis.com"),
    MONITORING("monitoring.googleapis.com"),
    /** The key ring and key that encrypt the cluster's Secrets (cluster.secretsEncryption). */
    CLOUD_KMS("cloudkms.googleapis.com"),
    /** The cluster's Binary Authorization evaluation mode (cluster.binaryAuthorization). */
    BINARY_AUTHORIZATION("binaryauthorization.googleapis.com");

    private final String service;

    ProjectApi(String service) {
        this.service = service;
    }

    /** The service name Service Usage knows the API by. */
    public String service() {
        return service;
    }
}
