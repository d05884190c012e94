package gkeserving.program.cloud;

import gkeserving.program.ResourceTypes;
import gkeserving.program.config.GcpLocations;
import gkeserving.tools.render.CloudPlaceholders.Registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A small, documented model of what the GCP API (through the provider's Read) holds for a resource right
 * after the program created it: the inputs as sent, plus what the API fills in or rewrites. Each rule names
 * where the fact comes from (docs/replace-on-change.md, "What the API returns after create"). Only what
 * can change a force-new comparison is modelled; everything else is state as sent.
 */
public final class GcpApiModel {
    private static final String COMPUTE = "https://www.googleapis.com/compute/v1/";
    private static final String NODE_POOL = ResourceTypes.NODE_POOL;

    /** Per resource type, how the API's answer differs from the inputs. */
    private static final Map<String, BiConsumer<Map<String, Object>, Context>> RULES = Map.of(
            NODE_POOL, GcpApiModel::nodePool,
            ResourceTypes.CLUSTER, GcpApiModel::cluster,
            ResourceTypes.ROUTER, (state, ctx) -> selfLink(state, "network", "global/networks/", ctx),
            ResourceTypes.SUBNETWORK, (state, ctx) -> selfLink(state, "network", "global/networks/", ctx),
            ResourceTypes.ADDRESS, (state, ctx) -> state.putIfAbsent("address", "203.0.113.10"));

    /** What other resources' state a rule may read: the cluster takes its nodeConfig from its first pool. */
    private record Context(String project, Map<String, Object> firstPool) {
    }

    private GcpApiModel() {
    }

    public static String key(Registration r) {
        return r.type() + "::" + r.name();
    }

    /** The logical names of the node pools, any of which GKE may list first (they are created in parallel). */
    public static List<String> nodePoolNames(List<Registration> created) {
        return created.stream().filter(r -> r.type().equals(NODE_POOL)).map(Registration::name).sorted().toList();
    }

    /**
     * The state of every registered resource, keyed by {@link #key}.
     *
     * @param firstPool the node pool GKE lists first, whose config the cluster's {@code nodeConfig} reports
     */
    public static Map<String, Map<String, Object>> stateAfterCreate(List<Registration> created, String firstPool) {
        String project = created.stream().map(r -> r.inputs().get("project")).filter(String.class::isInstance)
                .map(String.class::cast).findFirst().orElse("project");
        var poolOnly = new Context(project, Map.of());
        Map<String, Object> first = created.stream()
                .filter(r -> r.type().equals(NODE_POOL) && r.name().equals(firstPool))
                .map(r -> apply(r, poolOnly)).findFirst().orElse(Map.of());
        var context = new Context(project, first);
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        created.forEach(r -> state.put(key(r), apply(r, context)));
        return state;
    }

    private static Map<String, Object> apply(Registration r, Context context) {
        var s = deepCopy(r.inputs());
        RULES.getOrDefault(r.type(), (x, c) -> { }).accept(s, context);
        return s;
    }

    /**
     * GKE fills in node settings the program left out (all Computed in the provider) and keeps only the
     * taints the program set in {@code taints}: the ones GKE adds go to {@code effectiveTaints}.
     */
    private static void nodePool(Map<String, Object> pool, Context ctx) {
        Map<String, Object> nodeConfig = child(pool, "nodeConfig");
        nodeConfig.putIfAbsent("metadata", Map.of("disable-legacy-endpoints", "true"));
        nodeConfig.putIfAbsent("diskType", "pd-balanced");
        nodeConfig.putIfAbsent("imageType", "COS_CONTAINERD");
        nodeConfig.putIfAbsent("loggingVariant", "DEFAULT");
        nodeConfig.putIfAbsent("shieldedInstanceConfig", Map.of("enableSecureBoot", false, "enableIntegrityMonitoring", true));
        nodeConfig.putIfAbsent("workloadMetadataConfig", Map.of("mode", "GKE_METADATA"));
        nodeConfig.putIfAbsent("serviceAccount", "default");
        pool.putIfAbsent("location", "us-central1");
        pool.putIfAbsent("project", ctx.project());
        child(pool, "upgradeSettings").putIfAbsent("strategy", "SURGE");
    }

    /**
     * With {@code removeDefaultNodePool}, the provider reads the cluster's {@code nodeConfig} from the API's
     * {@code Cluster.nodeConfig}, which GKE reports as the config of the cluster's first node pool; the taints
     * in it are kept only where the cluster's prior state had them (none), as for a pool.
     */
    private static void cluster(Map<String, Object> cluster, Context ctx) {
        cluster.putIfAbsent("networkingMode", "VPC_NATIVE");
        // Read stores the API's relative names (resource_container_cluster.go l.2593, 2596), not v1 self links.
        String region = GcpLocations.regionOf(String.valueOf(cluster.getOrDefault("location", "us-central1")));
        relativeName(cluster, "network", "global/networks/", ctx);
        relativeName(cluster, "subnetwork", "regions/" + region + "/subnetworks/", ctx);
        if (Boolean.TRUE.equals(cluster.get("removeDefaultNodePool")) && !ctx.firstPool().isEmpty()) {
            Map<String, Object> fromFirstPool = deepCopy(child(deepCopy(ctx.firstPool()), "nodeConfig"));
            fromFirstPool.remove("taints");
            cluster.put("nodeConfig", fromFirstPool);
        }
    }

    /** The provider stores a network as its full self link (the name compares equal through the table's "self-link"). */
    private static void selfLink(Map<String, Object> state, String field, String collection, Context ctx) {
        if (state.get(field) instanceof String name && !name.startsWith("https://")) {
            state.put(field, COMPUTE + relative(state, name, collection, ctx));
        }
    }

    /** {@code projects/P/<collection><name>}, as GKE answers a cluster's network and subnetwork. */
    private static void relativeName(Map<String, Object> state, String field, String collection, Context ctx) {
        if (state.get(field) instanceof String name && !name.startsWith("projects/")) {
            state.put(field, relative(state, name, collection, ctx));
        }
    }

    private static String relative(Map<String, Object> state, String name, String collection, Context ctx) {
        String project = state.get("project") instanceof String p ? p : ctx.project();
        return "projects/" + project + "/" + collection + name.substring(name.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, deepCopyValue(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopyValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(GcpApiModel::deepCopyValue).toList());
        }
        return value;
    }
}
