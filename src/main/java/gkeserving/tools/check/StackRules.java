package gkeserving.tools.check;

import gkeserving.program.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The stack as a whole: what its outputs reveal, and what a production stack may lose. */
final class StackRules {
    /** Outputs whose names say they carry a credential. */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(kubeconfig|token|password|secret|credential|privatekey).*");
    /** What cannot be re-created as it was: the cluster (and its etcd), the images, the key that encrypted Secrets. */
    static final Set<String> IRREPLACEABLE = Set.of(
            ResourceTypes.CLUSTER, ResourceTypes.REPOSITORY, ResourceTypes.KMS_KEY_RING, ResourceTypes.KMS_CRYPTO_KEY);

    private StackRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("secret-outputs", "outputs that carry credentials are secret outputs",
                        "Pulumi docs: Secrets (secret outputs are encrypted in the state and masked in every display)",
                        t -> t.render().outputs().stream().filter(o -> CREDENTIAL.matcher(o.name()).matches())
                                .map(o -> Finding.of(o.name(), "stack output", o.secret(),
                                        o.secret() ? "secret" : "plain text")).toList()),
                new Rule("protect-stateful", "in production, the cluster, registry and KMS key are protected from deletion",
                        "GKE docs: cluster deletion protection; Pulumi docs: the protect resource option",
                        StackRules::protection));
    }

    private static List<Finding> protection(CheckTarget t) {
        if (!t.production()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        t.render().resources().stream().filter(r -> IRREPLACEABLE.contains(r.type())).forEach(r ->
                findings.add(Finding.of(r.name(), "options.protect", r.protect(), String.valueOf(r.protect()))));
        findings.addAll(ClusterRules.clusters(t, "deletionProtection", v -> !"false".equals(v)));
        return findings;
    }
}
