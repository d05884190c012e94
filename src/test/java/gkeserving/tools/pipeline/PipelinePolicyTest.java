package gkeserving.tools.pipeline;

import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.tools.check.PolicyCheck;
import gkeserving.tools.check.PolicyRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy check the pipeline runs before every preview, against the fake pulumi CLI. */
class PipelinePolicyTest {
    @TempDir
    Path tempDir;

    /** A stack whose program opens a LoadBalancer to everyone: one policy violation. */
    private static PolicyCheck openLoadBalancer() {
        return new PolicyCheck((dir, keys) -> ctx -> new Service("web", ServiceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("web").namespace("default").build())
                .spec(ServiceSpecArgs.builder().type("LoadBalancer")
                        .ports(ServicePortArgs.builder().port(80).build()).build())
                .build()));
    }

    @Test
    void aViolationStopsTheDeployBeforeAnyPreviewWithExit1AndAReportEntry() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.policy = openLoadBalancer();

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.verbs()).doesNotContain("preview", "up");
        assertThat(h.out()).contains("Checking stack dev against the policy ...")
                .contains("FAIL   load-balancer-restricted:")
                .contains("  FAIL   web spec.loadBalancerSourceRanges = open to all");
        assertThat(h.err()).contains("error: policy check of stack dev: 1 rule(s) violated (load-balancer-restricted)");
        var report = h.report();
        assertThat(report.path("exitCode").asInt()).isEqualTo(1);
        assertThat(report.path("policy").path("violated").get(0).asText()).isEqualTo("load-balancer-restricted");
        assertThat(report.path("policy").path("rules").asInt()).isEqualTo(PolicyRules.all().size());
    }

    @Test
    void previewAndPromoteCheckTheirStackFirstToo() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.policy = openLoadBalancer();

        assertThat(h.run("preview", "--stack", "staging")).isEqualTo(1);
        assertThat(h.verbs()).doesNotContain("preview");
        assertThat(h.run("promote", "--from", "staging", "--to", "prod", "--yes")).isEqualTo(1);
        assertThat(h.verbs()).doesNotContain("preview", "up");
        assertThat(h.err()).contains("policy check of stack prod");
    }

    @Test
    void aCleanCheckLetsTheDeployProceedAndIsRecorded() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        assertThat(h.run("deploy", "--stack", "dev")).isZero();
        assertThat(h.verbs()).contains("preview", "up");
        assertThat(h.out()).contains("Policy check of stack dev: " + PolicyRules.all().size() + " rules, 0 violated");
        assertThat(h.report().path("policy").path("violated")).isEmpty();
    }

    @Test
    void aWaiverWithoutAReasonIsBadUsageBeforeAnyPreview() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.write("Pulumi.dev.yaml", """
                config:
                  gcp:project: p-dev
                  policy:waivers:
                    - {rule: load-balancer-restricted, resource: web}
                """);

        assertThat(h.run("deploy", "--stack", "dev")).isEqualTo(2);
        assertThat(h.verbs()).doesNotContain("preview");
        assertThat(h.err()).contains("policy:waivers[0].reason is missing");
    }

    @Test
    void aWaiverWithAReasonLetsTheDeployProceed() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.policy = openLoadBalancer();
        h.write("Pulumi.dev.yaml", """
                config:
                  gcp:project: p-dev
                  policy:waivers:
                    - {rule: load-balancer-restricted, resource: web, reason: "a public demo endpoint"}
                """);

        assertThat(h.run("deploy", "--stack", "dev")).isZero();
        assertThat(h.report().path("policy").path("waived").asInt()).isEqualTo(1);
    }
}
