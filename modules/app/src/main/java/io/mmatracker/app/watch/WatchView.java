package io.mmatracker.app.watch;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Draws the watch model as text: progress bars for the source's jobs, tables and partitions and for each job,
 * then the latest alerts and changes. With colours, failures and firing alerts are red, finished work green and
 * running work yellow; without, the same lines in plain ASCII for logs and pipes.
 */
public final class WatchView {

    /** Failed tables shown under one job. */
    static final int MAX_FAILED_TABLES = 5;

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final int BAR = 24;
    private static final int MAX_JOBS = 30;

    private final boolean colours;
    private final DateTimeFormatter time;

    public WatchView(boolean colours, ZoneId zone) {
        this.colours = colours;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    /** The whole screen (or, without colours, the snapshot printed once before the event lines). */
    public List<String> render(WatchModel model, String url) {
        List<String> lines = new ArrayList<>();
        WatchTarget target = model.target();
        String where = dim(url + " · " + model.connection());
        if (target instanceof WatchTarget.Job job) {
            WatchModel.JobLine line = model.jobs().stream().filter(j -> j.id() == job.jobId()).findFirst().orElse(null);
            lines.add(bold("job " + job.sourceId() + "/" + job.jobId()) + (line == null ? "" : " · " + line.name()
                    + " · " + status(line.status())) + "   " + where);
            if (line == null) {
                lines.add("  not known to the tracker yet: waiting for the poller to see it");
            } else {
                lines.add("tasks       " + bar(line.done(), line.total(), line.status(), line.alerting()) + "  "
                        + line.done() + " of " + line.total());
                failedTableLines(model.failedTables(job.jobId()), "  ", lines);
            }
        } else {
            lines.add(bold("source " + target.sourceId()) + model.sourceName().map(n -> " · " + n).orElse("")
                    + model.sourceType().map(t -> " · " + t).orElse("")
                    + model.sourceStatus().map(s -> " · " + status(s)).orElse("") + "   " + where);
            if (!model.isKnown()) {
                lines.add("  not known to the tracker yet: waiting for the poller to see it");
            }
            model.summary().ifPresent(summary -> summaryLines(summary, lines));
            List<WatchModel.JobLine> jobs = model.jobs();
            if (!jobs.isEmpty()) {
                int nameWidth = Math.min(32, jobs.stream().mapToInt(j -> j.name() == null ? 0 : j.name().length()).max().orElse(4));
                lines.add("");
                lines.add(dim(String.format("  %-6s %-" + Math.max(4, nameWidth) + "s %-9s %s", "JOB", "NAME", "STATUS", "TASKS")));
                for (WatchModel.JobLine job : jobs.subList(0, Math.min(MAX_JOBS, jobs.size()))) {
                    lines.add(String.format("  %-6d %-" + Math.max(4, nameWidth) + "s ", job.id(), cut(job.name(), nameWidth))
                            + status(pad(job.status(), 9)) + " " + bar(job.done(), job.total(), job.status(), job.alerting())
                            + "  " + job.done() + "/" + job.total());
                    failedTableLines(model.failedTables(job.id()), "         ", lines);
                }
                if (jobs.size() > MAX_JOBS) {
                    lines.add(dim("  ... and " + (jobs.size() - MAX_JOBS) + " more jobs"));
                }
            }
        }
        List<WatchModel.AlertLine> alerts = model.alerts();
        if (!alerts.isEmpty()) {
            lines.add("");
            lines.add(bold("ALERTS"));
            alerts.forEach(alert -> lines.add("  " + line(alert)));
        }
        List<WatchModel.ChangeLine> changes = model.changes();
        if (!changes.isEmpty()) {
            lines.add("");
            lines.add(bold("CHANGES"));
            changes.forEach(change -> lines.add("  " + line(change)));
        }
        return lines;
    }

    /** The failed tables under a job, the first few, red. */
    private void failedTableLines(List<String> failed, String indent, List<String> lines) {
        for (String table : failed.subList(0, Math.min(MAX_FAILED_TABLES, failed.size()))) {
            lines.add(indent + paint(RED, "x " + cut(table, 100)));
        }
        if (failed.size() > MAX_FAILED_TABLES) {
            lines.add(indent + dim("  ... and " + (failed.size() - MAX_FAILED_TABLES) + " more failed tables"));
        }
    }

    /** One alert on one line. */
    public String line(WatchModel.AlertLine alert) {
        String text = at(alert.at()) + "  " + (alert.isFiring() ? "ALERT " : "resolved ") + alert.type() + "  "
                + alert.key() + (alert.name() == null ? "" : " " + alert.name())
                + (alert.status() == null ? "" : " (" + alert.status() + ")")
                + (alert.message() == null || alert.message().isBlank() ? "" : ": " + alert.message());
        return alert.isFiring() ? paint(BOLD + RED, text) : paint(GREEN, text);
    }

    /** One status change on one line. */
    public String line(WatchModel.ChangeLine change) {
        StringBuilder sb = new StringBuilder(at(change.at())).append("  ").append(change.kind()).append(' ')
                .append(change.key());
        if (change.name() != null) {
            sb.append(' ').append(change.name());
        }
        sb.append("  ");
        if (change.from() != null && change.to() != null && !change.from().equals(change.to())) {
            sb.append(change.from()).append(" -> ").append(status(change.to()));
        } else if (change.to() != null) {
            sb.append(change.changeType().toLowerCase(Locale.ROOT)).append(' ').append(status(change.to()));
        } else {
            sb.append(change.changeType().toLowerCase(Locale.ROOT));
        }
        Long done = change.progress().get("taskDone");
        Long total = change.progress().get("taskNum");
        if (done != null && total != null) {
            sb.append("  ").append(done).append('/').append(total);
        } else if (!change.progress().isEmpty()) {
            sb.append("  ").append(change.progress());
        }
        return sb.toString();
    }

    private void summaryLines(JsonNode summary, List<String> lines) {
        Map<String, Long> jobs = counts(summary.path("jobsByStatus"));
        Map<String, Long> tables = counts(summary.path("tablesByStatus"));
        lines.add(countsLine("jobs", jobs));
        lines.add(countsLine("tables", tables));
        long total = summary.path("partitionsTotal").asLong();
        if (total > 0) {
            long failed = summary.path("partitionsFailed").asLong();
            lines.add("partitions  " + bar(summary.path("partitionsDone").asLong(), total, failed > 0 ? "FAILED" : "DOING", false)
                    + "  " + summary.path("partitionsDone").asLong() + " of " + total + " done"
                    + (failed > 0 ? ", " + paint(RED, failed + " failed") : ""));
        }
        long open = summary.path("openAlerts").asLong();
        lines.add("open alerts " + (open > 0 ? paint(BOLD + RED, Long.toString(open)) : paint(GREEN, "0")));
    }

    private String countsLine(String what, Map<String, Long> byStatus) {
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long done = byStatus.entrySet().stream().filter(e -> isDone(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        long failed = byStatus.entrySet().stream().filter(e -> isFailed(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        StringBuilder detail = new StringBuilder();
        for (Iterator<Map.Entry<String, Long>> it = byStatus.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            detail.append(e.getValue()).append(' ').append(status(e.getKey()));
            if (it.hasNext()) {
                detail.append(", ");
            }
        }
        return String.format("%-11s ", what) + bar(done, total, failed > 0 ? "FAILED" : "DOING", false) + "  "
                + done + " of " + total + " done" + (detail.length() > 0 ? " (" + detail + ")" : "");
    }

    private String bar(long done, long total, String status, boolean alerting) {
        double share = total <= 0 ? 0 : Math.min(1, Math.max(0, (double) done / total));
        int full = (int) Math.round(share * BAR);
        String fill = colours ? "█" : "#";
        String empty = colours ? "░" : "-";
        String body = fill.repeat(full) + empty.repeat(BAR - full);
        String colour = alerting || isFailed(status) ? RED : isDone(status) ? GREEN : YELLOW;
        return "[" + paint(colour, body) + "] " + String.format("%3d%%", Math.round(share * 100));
    }

    private String status(String status) {
        if (status == null) {
            return "?";
        }
        String trimmed = status.strip();
        String colour = isFailed(trimmed) ? BOLD + RED : isDone(trimmed) ? GREEN : YELLOW;
        return paint(colour, status);
    }

    static boolean isFailed(String status) {
        return status != null && (status.contains("FAIL") || status.contains("ERROR"));
    }

    static boolean isDone(String status) {
        return status != null && (status.equals("DONE") || status.equals("SUCCESS") || status.equals("SUCCEEDED")
                || status.equals("FINISHED") || status.equals("PARTIAL_DONE"));
    }

    private String at(Instant instant) {
        return instant == null ? "--:--:--" : time.format(instant);
    }

    private String bold(String text) {
        return paint(BOLD, text);
    }

    private String dim(String text) {
        return paint(DIM, text);
    }

    private String paint(String code, String text) {
        return colours ? code + text + RESET : text;
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new TreeMap<>();
        node.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static String cut(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    private static String pad(String text, int width) {
        String t = text == null ? "?" : text;
        return t.length() >= width ? t : t + " ".repeat(width - t.length());
    }
}
