// The poller's CPU per table of one ListMmsTables page, step by step, warm (not part of the build; Java's source
// launcher compiles it against the tracker's jar):
//   java -jar modules/app/target/mma-tracker.jar simulate --port 18999 --sources 1 --tables-per-source 100000 &
//   curl -s 'http://127.0.0.1:18999/api/v1/mms/datasources/2000001/tables?pageNum=3&pageSize=1000' >/tmp/page.json
//   java -cp modules/app/target/mma-tracker.jar modules/poller/bench/PageCost.java /tmp/page.json [pages=150]
// Reads the page as the poller does (MmaClient: a Jackson tree, then MmsJson to the Avro record), fingerprints each
// table (ChangeDetector) and encodes its snapshot as the sink does (ValueSerdes), each step timed in the thread's CPU
// time; prints the best page of the run per table and step (the JIT warm, the machine's load mostly out of it).

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.serde.ValueSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

public class PageCost {
    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[0]));
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ObjectMapper json = new ObjectMapper();
        var kind = KindCatalog.of(ObjectKind.TABLE);
        @SuppressWarnings("unchecked")
        Serializer<SpecificRecord> serializer = (Serializer<SpecificRecord>) ValueSerdes.defaults().forType(kind.snapshotType()).serializer();
        SnapshotMeta meta = new SnapshotMeta(Instant.now(), "http://mma", "cn-hangzhou", "bench");
        String[] steps = {"Jackson tree", "MmsJson.read", "fingerprint", "snapshot encoding"};
        double[] best = new double[steps.length];
        Arrays.fill(best, Double.MAX_VALUE);
        long sink = 0;
        int tables = 0;
        for (int page = 0; page < pages; page++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            JsonNode items = json.readTree(body).get("data").get("objectList");
            long t1 = cpu.getCurrentThreadCpuTime();
            List<MmsTable> read = new ArrayList<>(items.size());
            items.forEach(item -> read.add(MmsJson.read(item, MmsTable.class)));
            long t2 = cpu.getCurrentThreadCpuTime();
            for (MmsTable table : read) {
                sink ^= ChangeDetector.fingerprint(table);
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (MmsTable table : read) {
                sink ^= serializer.serialize("mma.tables", kind.wrapData(meta, table)).length;
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            tables = read.size();
            long[] t = {t0, t1, t2, t3, t4};
            for (int s = 0; s < steps.length; s++) {
                best[s] = Math.min(best[s], (t[s + 1] - t[s]) / 1e3 / tables);
            }
        }
        StringBuilder line = new StringBuilder(String.format("%d tables a page, %d bytes, best of %d pages, CPU per table:",
                tables, body.length, pages));
        double total = 0;
        for (int s = 0; s < steps.length; s++) {
            line.append(String.format(" %s %.2f µs,", steps[s], best[s]));
            total += best[s];
        }
        System.out.println(line.append(String.format(" in all %.2f µs (%d)", total, sink & 1)));
    }
}
