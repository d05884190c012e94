package gkeserving.tools.pipeline;

import gkeserving.program.ResourceTypes;
import com.pulumi.automation.OperationType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.pulumi.automation.OperationType.CREATE_REPLACEMENT;
import static com.pulumi.automation.OperationType.DELETE;
import static com.pulumi.automation.OperationType.DELETE_REPLACED;
import static com.pulumi.automation.OperationType.REPLACE;
import static com.pulumi.automation.OperationType.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentGateTest {
    private static PlannedStep step(OperationType op, String type, String name) {
        return new PlannedStep(op, type, "urn:pulumi:dev::gke-gpu-serving::" + type + "::" + name, false);
    }

    private static ChangePlan plan(PlannedStep... steps) {
        return new ChangePlan(List.of(steps), Map.of());
    }

    private static final DeployFlags NONE = DeployFlags.NONE;
    private static final DeployFlags YES = new DeployFlags(false, true, false);
    private static final DeployFlags ALLOW_REPLACE = new DeployFlags(true, false, false);

    @Test
    void eachStatefulTypeIsGuardedAgainstReplaceAndDelete() {
        for (String type : DeploymentGate.STATEFUL_TYPES) {
            assertThat(DeploymentGate.decide(plan(step(REPLACE, type, "x")), "dev", false, NONE).allowed()).isFalse();
            assertThat(DeploymentGate.decide(plan(step(DELETE, type, "x")), "dev", false, NONE).allowed()).isFalse();
            assertThat(DeploymentGate.decide(plan(step(UPDATE, type, "x")), "dev", false, NONE).allowed()).isTrue();
        }
    }

    @Test
    void replacingTheClustersNetworkOrSubnetIsStopped() {
        // Fails on the code as it was: the program owned no network, and the gate did not know the types.
        GateDecision decision = DeploymentGate.decide(plan(step(REPLACE, ResourceTypes.SUBNETWORK, "network-subnet"),
                step(DELETE, ResourceTypes.NETWORK, "network-vpc")), "dev", false, NONE);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reasons()).hasSize(2);
    }

    @Test
    void aReplacementAnnouncedAsThreeStepsIsOneReason() {
        String pool = ResourceTypes.NODE_POOL;
        GateDecision decision = DeploymentGate.decide(plan(step(CREATE_REPLACEMENT, pool, "gpu-pool"),
                step(REPLACE, pool, "gpu-pool"), step(DELETE_REPLACED, pool, "gpu-pool")), "dev", false, NONE);

        assertThat(decision.reasons()).containsExactly(
                "would replace gcp:container/nodePool:NodePool gpu-pool (stateful); re-run with --allow-replace if that is intended");
    }

    @Test
    void statelessReplacementsAndProtectedUpdatesPass() {
        PlannedStep protectedUpdate = new PlannedStep(UPDATE, ResourceTypes.SERVICE_ACCOUNT, "urn:a::b", true);

        assertThat(DeploymentGate.decide(plan(step(REPLACE, ResourceTypes.DEPLOYMENT, "serving"),
                step(DELETE, ResourceTypes.CONFIG_MAP, "old"), protectedUpdate), "dev", false, NONE))
                .isEqualTo(GateDecision.allow());
    }

    @Test
    void allowReplaceDoesNotStandInForYesOnAStackThatRequiresConfirmation() {
        GateDecision decision = DeploymentGate.decide(plan(), "prod", true, ALLOW_REPLACE);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reasons()).containsExactly("stack prod needs --yes to apply changes");
        assertThat(DeploymentGate.decide(plan(), "prod", true, YES).allowed()).isTrue();
    }

    @Test
    void whetherYesIsNeededComesFromTheStacksConfigurationNotItsName() {
        assertThat(DeploymentGate.decide(plan(), "prod", false, NONE).allowed()).isTrue();
        assertThat(DeploymentGate.decide(plan(), "staging", true, NONE).reasons())
                .containsExactly("stack staging needs --yes to apply changes");
    }
}
