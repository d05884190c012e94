package gkeserving.program.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stack's config keys as a whole: each must belong to a namespace someone reads, and the project's own
 * keys must be settings. Pulumi passes any key through, so a misspelled namespace ({@code gke-gpu-servng:gpuPool})
 * or key would otherwise be ignored and its defaults used; each is reported with the nearest known name.
 */
final class ConfigKeys {
    /**
     * Who reads which namespace: the program, the providers it uses, the deployment pipeline
     * ({@code pipeline:requireConfirmation}), the policy check ({@code policy:waivers}) and Pulumi itself
     * ({@code pulumi:tags} …).
     */
    static final List<String> NAMESPACES =
            List.of(Settings.PROJECT, "gcp", "kubernetes", "docker", "pipeline", "policy", "pulumi");

    private ConfigKeys() {
    }

    static void check(ConfigSource source, List<String> settings, Problems problems) {
        source.project().filter(project -> !project.equals(Settings.PROJECT)).ifPresent(project -> problems.add(
                "Pulumi.yaml's name (" + project + ") must be " + Settings.PROJECT + ", the project whose stacks and"
                        + " config keys this program reads" + Suggestions.didYouMean(project, List.of(Settings.PROJECT))));
        Set<String> badNamespaces = new TreeSet<>();
        for (String key : new TreeSet<>(source.keys())) {
            int colon = key.indexOf(':');
            String namespace = colon < 0 ? "" : key.substring(0, colon);
            String name = key.substring(colon + 1);
            if (namespace.equals(Settings.PROJECT)) {
                if (!settings.contains(name)) {
                    problems.add(key + " is not a known setting" + Suggestions.didYouMean(name, settings)
                            + "; known: " + String.join(", ", settings));
                }
            } else if (!NAMESPACES.contains(namespace) && badNamespaces.add(namespace)) {
                problems.add(key + ": no one reads the config namespace '" + namespace + "'"
                        + Suggestions.didYouMean(namespace, NAMESPACES) + "; known namespaces: " + String.join(", ", NAMESPACES));
            }
        }
    }
}
