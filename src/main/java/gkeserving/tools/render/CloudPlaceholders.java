package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import com.pulumi.test.Mocks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for the cloud during an in-process run. A resource's outputs are its inputs plus, for
 * values only the cloud can know (endpoints, IPs, digests, CA certificates), an explicit placeholder
 * {@code <known after up: ...>} — never a real-looking fake. Every registration is recorded in order.
 *
 * <p>Invokes get the same treatment. GKE's versions ({@code gcp:container/getEngineVersions}) are answered with
 * {@link #GKE_VERSION} for every channel: the program checks the pinned GPU Operator against the channel's
 * default minor, so the placeholder keeps a real minor (one the default operator release supports) and says
 * in its suffix that it is not a real GKE patch version.
 */
public final class CloudPlaceholders implements Mocks {
    /** Every release channel's default version in an offline run; 1.35 is what REGULAR and STABLE serve in late 2026. */
    public static final String GKE_VERSION = "1.35.0-gke.placeholder";

    public static String unknown(String what) {
        return "<known after up: " + what + ">";
    }

    /** One resource as the engine would receive it. */
    public record Registration(String type, String name, Map<String, Object> inputs) {
    }

    private final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    private final String project;
    private final String region;

    public CloudPlaceholders(String project, String region) {
        this.project = project;
        this.region = region;
    }

    public List<Registration> registrations() {
        synchronized (registrations) {
            return List.copyOf(registrations);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registrations.add(new Registration(args.type, args.name, args.inputs));
        Map<String, Object> state = new HashMap<>(args.inputs);
        addCloudOutputs(args.type, args.name, state);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id(args.type, args.name, state)), state));
    }

    /** KMS ids are derivable from the inputs (GCP's fixed resource-name format); other ids are not used as inputs. */
    private String id(String type, String name, Map<String, Object> state) {
        if (type.equals(ResourceTypes.KMS_KEY_RING)) {
            return "projects/" + state.getOrDefault("project", project) + "/locations/" + state.get("location")
                    + "/keyRings/" + state.get("name");
        }
        if (type.equals(ResourceTypes.KMS_CRYPTO_KEY)) {
            return state.get("keyRing") + "/cryptoKeys/" + state.get("name");
        }
        return name + "-id";
    }

    /** What the cloud adds to a resource's inputs: (logical name, state to add to). */
    private interface CloudAnswer {
        void addTo(String name, Map<String, Object> state);
    }

    private final Map<String, CloudAnswer> answers = Map.of(
            ResourceTypes.CLUSTER, (name, state) -> {
                state.putIfAbsent("name", autoName(name));
                state.put("endpoint", unknown("cluster endpoint"));
                state.put("masterAuth", Map.of("clusterCaCertificate", unknown("cluster CA certificate")));
            },
            ResourceTypes.NODE_POOL, (name, state) -> state.putIfAbsent("name", autoName(name)),
            // Derivable from inputs, so not a placeholder: GCP's fixed e-mail format for service accounts.
            ResourceTypes.SERVICE_ACCOUNT, (name, state) -> state.put("email", serviceAccountEmail(state)),
            ResourceTypes.ADDRESS, (name, state) -> state.put("address", unknown("static IP of " + name)),
            ResourceTypes.ROUTER, (name, state) -> state.putIfAbsent("name", name),
            ResourceTypes.NETWORK, (name, state) -> state.putIfAbsent("name", autoName(name)),
            ResourceTypes.SUBNETWORK, (name, state) -> state.putIfAbsent("name", autoName(name)),
            // Like the registry's answer: the repository, without the tag, at the pushed digest.
            ResourceTypes.DOCKER_IMAGE, (name, state) -> state.put("repoDigest",
                    untagged(String.valueOf(state.getOrDefault("imageName", name))) + "@" + unknown("sha256 digest of the pushed image")),
            ResourceTypes.K8S_SERVICE, (name, state) -> state.put("status", Map.of("loadBalancer",
                    Map.of("ingress", List.of(Map.of("ip", unknown("load balancer IP of " + name)))))));

    private String serviceAccountEmail(Map<String, Object> state) {
        return state.get("accountId") + "@" + state.getOrDefault("project", project) + ".iam.gserviceaccount.com";
    }

    private void addCloudOutputs(String type, String name, Map<String, Object> state) {
        answers.getOrDefault(type, (n, st) -> { }).addTo(name, state);
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm")) {
            // Kubernetes objects get no auto-name in the mock engine; the program names them explicitly anyway.
            state.putIfAbsent("metadata", Map.of("name", name));
        }
    }

    /** Pulumi names an unnamed resource after its logical name plus a random suffix, known only once it exists. */
    private static String autoName(String logicalName) {
        return unknown("name " + logicalName + "-<random suffix>");
    }

    private static String untagged(String imageName) {
        int colon = imageName.lastIndexOf(':');
        return colon > imageName.lastIndexOf('/') ? imageName.substring(0, colon) : imageName;
    }

    /** Every field the result type requires, each at {@link #GKE_VERSION}. */
    private static Map<String, Object> engineVersions() {
        Map<String, Object> byChannel = Map.of("RAPID", GKE_VERSION, "REGULAR", GKE_VERSION, "STABLE", GKE_VERSION);
        return Map.of(
                "id", unknown("time of the GKE version lookup"),
                "defaultClusterVersion", GKE_VERSION,
                "latestMasterVersion", GKE_VERSION,
                "latestNodeVersion", GKE_VERSION,
                "validMasterVersions", List.of(GKE_VERSION),
                "validNodeVersions", List.of(GKE_VERSION),
                "releaseChannelDefaultVersion", byChannel,
                "releaseChannelLatestVersion", byChannel);
    }

    /** The project's number names GKE's service agent; only the cloud knows it. Every required field set. */
    private Map<String, Object> projectLookup() {
        return Map.ofEntries(Map.entry("id", "projects/" + project), Map.entry("projectId", project),
                Map.entry("name", project), Map.entry("number", unknown("project number of " + project)),
                Map.entry("autoCreateNetwork", true), Map.entry("billingAccount", unknown("billing account")),
                Map.entry("folderId", ""), Map.entry("orgId", ""), Map.entry("skipDelete", false),
                Map.entry("labels", Map.of()), Map.entry("effectiveLabels", Map.of()), Map.entry("pulumiLabels", Map.of()));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.equals("gcp:organizations/getClientConfig:getClientConfig")) {
            return CompletableFuture.completedFuture(Map.of(
                    "accessToken", unknown("gcloud access token"),
                    "id", project,
                    "project", project,
                    "region", region,
                    "zone", region + "-a"));
        }
        if (args.token.equals("gcp:organizations/getProject:getProject")) {
            return CompletableFuture.completedFuture(projectLookup());
        }
        if (args.token.equals("gcp:container/getEngineVersions:getEngineVersions")) {
            return CompletableFuture.completedFuture(engineVersions());
        }
        return CompletableFuture.completedFuture(Map.of());
    }
}
