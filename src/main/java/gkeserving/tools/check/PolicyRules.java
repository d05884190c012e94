package gkeserving.tools.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every policy rule, in the order the check prints them; ids are unique. */
public final class PolicyRules {
    private static final List<Rule> ALL = build();

    private PolicyRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    private static List<Rule> build() {
        List<Rule> rules = new ArrayList<>(ClusterRules.rules());
        rules.addAll(WorkloadRules.rules());
        rules.addAll(ServingRules.rules());
        rules.addAll(StackRules.rules());
        Map<String, Rule> byId = rules.stream().collect(Collectors.toMap(Rule::id, Function.identity()));
        if (byId.size() != rules.size()) {
            throw new IllegalStateException("two policy rules share an id");
        }
        return List.copyOf(rules);
    }

    public static Optional<Rule> byId(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
