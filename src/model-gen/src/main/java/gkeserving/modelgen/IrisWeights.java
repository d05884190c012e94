package gkeserving.modelgen;

/**
 * Fixed weights of the iris sample classifier, derived from published statistics rather than
 * trained, so they are reproducible and explainable.
 *
 * <p>Source: per-species means and standard deviations of Fisher's iris data (R. A. Fisher, 1936,
 * "The use of multiple measurements in taxonomic problems"; 50 flowers per species), as R's
 * built-in {@code iris} data set gives them ({@code aggregate(. ~ Species, iris, mean)} and
 * {@code sd}). Features in cm: sepal length, sepal width, petal length, petal width.
 *
 * <p>Model: linear discriminant analysis with a shared diagonal covariance (the pooled
 * within-species variance of each feature) and equal priors. Its posterior is
 * {@code softmax(-sum_f (x_f - mu_kf)^2 / (2 var_f))}; the {@code x_f^2} terms are the same for
 * every species and cancel, leaving exactly the linear model {@code softmax(x W + b)} with
 * {@code W[f][k] = mu_kf / var_f} and {@code b[k] = -sum_f mu_kf^2 / (2 var_f)}. On the 150 rows of
 * the data set it classifies 96% correctly.
 */
final class IrisWeights {

    static final String[] CLASSES = {"setosa", "versicolor", "virginica"};

    /** Per-species means, one row per species, columns as in the input features. */
    static final double[][] CLASS_MEANS = {
        {5.006, 3.428, 1.462, 0.246}, // setosa
        {5.936, 2.770, 4.260, 1.326}, // versicolor
        {6.588, 2.974, 5.552, 2.026}, // virginica
    };

    /** Per-species sample standard deviations, laid out like {@link #CLASS_MEANS}. */
    static final double[][] CLASS_STD_DEVS = {
        {0.3524897, 0.3790644, 0.1736640, 0.1053856}, // setosa
        {0.5161711, 0.3137983, 0.4699110, 0.1977527}, // versicolor
        {0.6358796, 0.3224966, 0.5518947, 0.2746501}, // virginica
    };

    static final int FEATURES = CLASS_MEANS[0].length;

    private IrisWeights() {}

    /** W with shape [4, 3]. */
    static float[][] weights() {
        double[] variance = pooledVariance();
        float[][] w = new float[FEATURES][CLASSES.length];
        for (int k = 0; k < CLASSES.length; k++) {
            for (int f = 0; f < FEATURES; f++) {
                w[f][k] = (float) (CLASS_MEANS[k][f] / variance[f]);
            }
        }
        return w;
    }

    /** b with shape [3]. */
    static float[] bias() {
        double[] variance = pooledVariance();
        float[] b = new float[CLASSES.length];
        for (int k = 0; k < CLASSES.length; k++) {
            double sum = 0;
            for (int f = 0; f < FEATURES; f++) {
                sum += CLASS_MEANS[k][f] * CLASS_MEANS[k][f] / variance[f];
            }
            b[k] = (float) (-sum / 2);
        }
        return b;
    }

    /** Within-species variance per feature; the species are equally sized, so a plain mean. */
    static double[] pooledVariance() {
        double[] variance = new double[FEATURES];
        for (double[] stdDevs : CLASS_STD_DEVS) {
            for (int f = 0; f < FEATURES; f++) {
                variance[f] += stdDevs[f] * stdDevs[f] / CLASS_STD_DEVS.length;
            }
        }
        return variance;
    }
}
