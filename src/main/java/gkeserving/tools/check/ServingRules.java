package gkeserving.tools.check;

import gkeserving.tools.render.RenderedResource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** How the serving workloads are reached and kept up: NetworkPolicy, disruption budget, load balancer. */
final class ServingRules {
    /** GKE's annotations for an internal passthrough load balancer (current and legacy). */
    private static final List<String> INTERNAL_ANNOTATIONS = List.of(
            "networking.gke.io/load-balancer-type", "cloud.google.com/load-balancer-type");

    private ServingRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("network-policy", "a NetworkPolicy selects the serving pods and admits only the ports they serve",
                        "GKE hardening guide: restrict traffic among Pods with a network policy; kube-score pod-networkpolicy",
                        t -> servingWorkloads(t).stream().map(w -> networkPolicy(t, w)).toList()),
                new Rule("pod-disruption-budget", "a PodDisruptionBudget covers every workload with more than one replica",
                        "kube-score deployment-has-poddisruptionbudget; Polaris missingPodDisruptionBudget",
                        t -> servingWorkloads(t).stream().filter(w -> minReplicas(t, w) > 1).map(w -> {
                            boolean covered = t.kubernetes("PodDisruptionBudget").stream()
                                    .anyMatch(pdb -> sameNamespace(pdb, w) && selects(Tree.map(pdb.inputs(), "spec.selector"), w));
                            return Finding.of(w.name(), "PodDisruptionBudget", covered,
                                    covered ? "covered" : "none selects its pods (" + minReplicas(t, w) + " replicas)");
                        }).toList()),
                new Rule("load-balancer-restricted", "a LoadBalancer Service is internal or limited to source ranges",
                        "GKE docs: LoadBalancer Service parameters (loadBalancerSourceRanges); GKE hardening guide: "
                                + "restrict network access to the control plane and nodes",
                        t -> t.kubernetes("Service").stream()
                                .filter(s -> "LoadBalancer".equals(Tree.text(s.inputs(), "spec.type")))
                                .map(ServingRules::restricted).toList()));
    }

    static List<RenderedResource> servingWorkloads(CheckTarget t) {
        List<RenderedResource> workloads = new ArrayList<>(t.kubernetes("Deployment"));
        workloads.addAll(t.kubernetes("StatefulSet"));
        return workloads;
    }

    private static Finding networkPolicy(CheckTarget t, RenderedResource workload) {
        Set<Object> served = new HashSet<>();
        PodSpecs.containers(t).stream().filter(c -> c.owner() == workload)
                .flatMap(c -> Tree.list(c.spec(), "ports").stream())
                .forEach(p -> {
                    served.add(Tree.at(p, "containerPort"));
                    served.add(Tree.at(p, "name"));
                });
        served.remove(null);
        List<RenderedResource> policies = t.kubernetes("NetworkPolicy").stream()
                .filter(p -> sameNamespace(p, workload) && selects(Tree.map(p.inputs(), "spec.podSelector"), workload))
                .toList();
        if (policies.isEmpty()) {
            return Finding.of(workload.name(), "NetworkPolicy", false, "no NetworkPolicy selects its pods");
        }
        for (RenderedResource policy : policies) {
            if (!Tree.list(policy.inputs(), "spec.policyTypes").contains("Ingress")) {
                return Finding.of(policy.name(), "spec.policyTypes", false, "does not restrict Ingress");
            }
            List<Object> ingress = Tree.list(policy.inputs(), "spec.ingress");
            for (int i = 0; i < ingress.size(); i++) {
                List<Object> ports = Tree.list(ingress.get(i), "ports");
                if (ports.isEmpty() || !ports.stream().allMatch(p -> served.contains(Tree.at(p, "port")))) {
                    return Finding.of(policy.name(), "spec.ingress[" + i + "].ports", false,
                            ports.isEmpty() ? "admits every port" : "admits " + ports + " beyond the served " + served);
                }
            }
        }
        return Finding.of(workload.name(), "NetworkPolicy", true,
                String.join(", ", policies.stream().map(RenderedResource::name).toList()));
    }

    private static Finding restricted(RenderedResource service) {
        Map<String, Object> annotations = Tree.map(service.inputs(), "metadata.annotations");
        if (INTERNAL_ANNOTATIONS.stream().anyMatch(a -> "Internal".equals(annotations.get(a)))) {
            return Finding.of(service.name(), "metadata.annotations", true, "internal load balancer");
        }
        List<Object> ranges = Tree.list(service.inputs(), "spec.loadBalancerSourceRanges");
        boolean ok = !ranges.isEmpty() && !ranges.contains("0.0.0.0/0") && !ranges.contains("::/0");
        return Finding.of(service.name(), "spec.loadBalancerSourceRanges", ok, ranges.isEmpty() ? "open to all" : ranges.toString());
    }

    /** The HPA's minimum if one scales the workload, else its replicas (Kubernetes' default 1). */
    /** The autoscaler's minimum (an HPA's minReplicas or a KEDA ScaledObject's minReplicaCount), else spec.replicas. */
    static int minReplicas(CheckTarget t, RenderedResource workload) {
        String name = Tree.text(workload.inputs(), "metadata.name");
        return Stream.of(Map.entry("HorizontalPodAutoscaler", "spec.minReplicas"), Map.entry("ScaledObject", "spec.minReplicaCount"))
                .flatMap(scaler -> t.kubernetes(scaler.getKey()).stream()
                        .filter(h -> sameNamespace(h, workload) && Objects.equals(name, Tree.text(h.inputs(), "spec.scaleTargetRef.name")))
                        .map(h -> Tree.at(h.inputs(), scaler.getValue())))
                .findFirst()
                .or(() -> Optional.ofNullable(Tree.at(workload.inputs(), "spec.replicas")))
                .map(v -> v instanceof Number n ? n.intValue() : 1)
                .orElse(1);
    }

    private static boolean sameNamespace(RenderedResource a, RenderedResource b) {
        return Objects.equals(Tree.text(a.inputs(), "metadata.namespace"), Tree.text(b.inputs(), "metadata.namespace"));
    }

    /** A label selector (matchLabels only; an empty one selects every pod) against the workload's pod labels. */
    private static boolean selects(Map<String, Object> selector, RenderedResource workload) {
        Map<String, Object> labels = Tree.map(workload.inputs(), "spec.template.metadata.labels");
        return Tree.list(selector, "matchExpressions").isEmpty()
                && Tree.map(selector, "matchLabels").entrySet().stream()
                .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }
}
