package gkeserving.program.image;

/** Which flavour of {@code tensorflow/serving} the image starts from; the suffix of its tag. */
public enum BaseVariant {
    /** CUDA build, for the GPU node pool. */
    GPU("-gpu"),
    /** CPU-only build, for environments without GPUs. */
    CPU("");

    private final String tagSuffix;

    BaseVariant(String tagSuffix) {
        this.tagSuffix = tagSuffix;
    }

    /** The Dockerfile's {@code VARIANT} build argument. */
    public String tagSuffix() {
        return tagSuffix;
    }

    public String baseImage(String tfServingVersion) {
        return "tensorflow/serving:" + tfServingVersion + tagSuffix;
    }
}
