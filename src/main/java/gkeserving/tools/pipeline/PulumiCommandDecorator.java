package gkeserving.tools.pipeline;

import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.Version;

/** A PulumiCommand that changes how commands run and passes everything else to the command it wraps. */
abstract class PulumiCommandDecorator implements PulumiCommand {
    protected final PulumiCommand delegate;

    PulumiCommandDecorator(PulumiCommand delegate) {
        this.delegate = delegate;
    }

    @Override
    public Version version() {
        return delegate.version();
    }
}
