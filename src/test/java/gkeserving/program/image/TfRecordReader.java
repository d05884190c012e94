package gkeserving.program.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Test-side reader of TFRecord files, written from TensorFlow's record_reader.cc independently of
 * {@link TfRecord}: every length and data CRC is checked, a truncated or corrupted file fails.
 */
final class TfRecordReader {
    private TfRecordReader() {
    }

    static List<byte[]> read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (in.hasRemaining()) {
            check(in.remaining() >= 12, "truncated header at byte " + in.position());
            int start = in.position();
            long length = in.getLong();
            check(in.getInt() == masked(Arrays.copyOfRange(file, start, start + 8)), "length CRC mismatch at byte " + start);
            check(length <= in.remaining() - 4, "truncated record at byte " + start);
            byte[] data = new byte[(int) length];
            in.get(data);
            check(in.getInt() == masked(data), "data CRC mismatch in the record at byte " + start);
            records.add(data);
        }
        return records;
    }

    /** crc32c.h: Mask(crc) = ((crc >> 15) | (crc << 17)) + 0xa282ead8, on unsigned 32-bit values. */
    static int masked(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        long value = crc.getValue();
        long rotated = ((value >>> 15) | (value << 17)) & 0xffffffffL;
        return (int) ((rotated + 0xa282ead8L) & 0xffffffffL);
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError("not a valid TFRecord file: " + problem);
        }
    }
}
