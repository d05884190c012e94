package gkeserving.tools.render.check;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Kubernetes kinds this checker knows, each bound to its typed fabric8 model class.
 * The apiVersion and kind come from the classes' own annotations, so the table cannot
 * drift from the model. Add a kind by adding its class here.
 */
final class KnownKinds {

    private static final List<Class<? extends HasMetadata>> MODEL_CLASSES = List.of(
            Namespace.class,
            ServiceAccount.class,
            ConfigMap.class,
            Secret.class,
            Service.class,
            ResourceQuota.class,
            Deployment.class,
            DaemonSet.class,
            HorizontalPodAutoscaler.class,
            PodDisruptionBudget.class,
            NetworkPolicy.class);

    /** apiVersion → kind → model class; sorted so messages list kinds in a stable order. */
    private static final Map<String, Map<String, Class<? extends HasMetadata>>> BY_API_VERSION =
            MODEL_CLASSES.stream().collect(Collectors.groupingBy(
                    HasMetadata::getApiVersion,
                    TreeMap::new,
                    Collectors.toMap(HasMetadata::getKind, type -> type, (a, b) -> a, TreeMap::new)));

    private KnownKinds() {
    }

    static Optional<Class<? extends HasMetadata>> find(String apiVersion, String kind) {
        return Optional.ofNullable(BY_API_VERSION.getOrDefault(apiVersion, Map.of()).get(kind));
    }

    /** The message for a pair {@link #find} does not know, listing what it does know. */
    static String unknownKindMessage(String apiVersion, String kind) {
        Map<String, Class<? extends HasMetadata>> kinds = BY_API_VERSION.get(apiVersion);
        String known = kinds != null
                ? String.join(", ", kinds.keySet())
                : allPairs();
        return "unknown kind " + kind + " in apiVersion " + apiVersion + "; known: " + known;
    }

    private static String allPairs() {
        TreeSet<String> pairs = new TreeSet<>();
        BY_API_VERSION.forEach((apiVersion, kinds) ->
                kinds.keySet().forEach(kind -> pairs.add(apiVersion + " " + kind)));
        return String.join(", ", pairs);
    }
}
