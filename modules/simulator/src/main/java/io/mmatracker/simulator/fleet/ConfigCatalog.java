package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The config items of each data-source type, in English or Chinese. Values of type {@code password} and
 * {@code file} are fake secrets that all contain {@link #SECRET_MARKER}, so downstream redaction can be tested by
 * searching for the marker.
 */
final class ConfigCatalog {

    /** Every secret config value contains this text. */
    static final String SECRET_MARKER = "sim-secret-";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConfigCatalog() {
    }

    static List<ConfigItemView> items(SourceType type, long seed, long sourceId, String region, boolean english) {
        String h = Long.toHexString(SeededHash.hash(seed, 31, sourceId));
        List<ConfigItemView> items = new ArrayList<>();
        switch (type) {
            case HIVE -> {
                items.add(item(english, "Hive Metastore URIs", "Hive Metastore 地址", "hive.metastore.uris",
                    "Thrift URIs of the Hive metastore", "Hive Metastore 的 Thrift 地址", "thrift://host:9083",
                    "string", "", text("thrift://emr-header-1.cluster-" + h.substring(0, 6) + ":9083"), true,
                    "basic_group"));
                items.add(item(english, "Kerberos enabled", "开启 Kerberos", "hive.kerberos.enabled",
                    "Whether the metastore requires Kerberos", "Metastore 是否需要 Kerberos 认证", "",
                    "boolean", "", JSON.booleanNode(true), false, "kerberos_group"));
                items.add(item(english, "Kerberos principal", "Kerberos principal", "hive.kerberos.principal",
                    "Principal used to log in", "登录使用的 principal", "hive/_HOST@EXAMPLE.COM", "string", "",
                    text("mma/emr-header-1@EMR." + region.toUpperCase()), false, "kerberos_group"));
                items.add(item(english, "Kerberos keytab", "Kerberos keytab 文件", "hive.kerberos.keytab",
                    "Keytab file of the principal", "principal 的 keytab 文件", "", "file", ".keytab",
                    text("BQIAAABV" + SECRET_MARKER + "keytab-" + h), false, "kerberos_group"));
                items.add(item(english, "Hive JDBC URL", "Hive JDBC 连接串", "hive.jdbc.url",
                    "HiveServer2 JDBC URL", "HiveServer2 的 JDBC 连接串", "jdbc:hive2://host:10000/default",
                    "string", "", text("jdbc:hive2://emr-header-1:10000/default"), true, "basic_group"));
                items.add(item(english, "Hive JDBC password", "Hive JDBC 密码", "hive.jdbc.password",
                    "Password of the JDBC user", "JDBC 用户的密码", "", "password", "",
                    text(SECRET_MARKER + "password-" + h), true, "basic_group"));
                ObjectNode settings = JSON.objectNode();
                settings.put("mapreduce.job.queuename", "default");
                settings.put("hive.exec.parallel", "true");
                items.add(item(english, "Extra Hive settings", "额外 Hive 参数", "hive.extra.settings",
                    "Settings applied to every Hive session", "每个 Hive 会话都会设置的参数", "key=value",
                    "map", "", settings, false, "advanced_group"));
                items.add(item(english, "Task parallelism", "任务并发数", "mma.task.parallelism",
                    "Tables migrated at the same time", "同时迁移的表数量", "8", "int", "", JSON.numberNode(8),
                    false, "advanced_group"));
            }
            case BIGQUERY -> {
                items.add(item(english, "BigQuery project", "BigQuery 项目", "bigquery.project.id",
                    "Google Cloud project of the datasets", "数据集所在的 Google Cloud 项目", "my-project",
                    "string", "", text("analytics-" + h.substring(0, 6)), true, "basic_group"));
                items.add(item(english, "Service account key", "服务账号密钥文件", "bigquery.credentials.file",
                    "JSON key of the service account", "服务账号的 JSON 密钥", "", "file", ".json",
                    text("{\"type\":\"service_account\",\"private_key\":\"" + SECRET_MARKER + "key-" + h + "\"}"),
                    true, "basic_group"));
                items.add(item(english, "Range partition migration", "范围分区表迁移方式",
                    "bigquery.range.partition.migrate.type", "How range-partitioned tables are migrated",
                    "范围分区表迁移方式", "Cluster or Partition", "string", "", text("Partition"), true,
                    "basic_group", List.of("Cluster", "Partition")));
                items.add(item(english, "Read parallelism", "读取并发数", "bigquery.read.parallelism",
                    "Streams of the Storage Read API per table", "每张表的 Storage Read API 流数", "4", "int", "",
                    JSON.numberNode(4), false, "advanced_group"));
            }
            case MAXCOMPUTE -> {
                items.add(item(english, "Source endpoint", "源端 Endpoint", "mc.endpoint",
                    "Endpoint of the source MaxCompute", "源 MaxCompute 的 Endpoint",
                    "http://service.cn-hangzhou.maxcompute.aliyun.com/api", "string", "",
                    text("http://service." + region + ".maxcompute.aliyun.com/api"), true, "basic_group"));
                items.add(item(english, "Source project", "源端项目", "mc.project", "Project to migrate from",
                    "迁移的源项目", "", "string", "", text("legacy_" + h.substring(0, 6)), true, "basic_group"));
                items.add(item(english, "AccessKey ID", "AccessKey ID", "mc.accesskey.id",
                    "AccessKey ID for the source project", "访问源项目的 AccessKey ID", "", "string", "",
                    text("LTAI5t" + h.substring(0, 10)), true, "basic_group"));
                items.add(item(english, "AccessKey secret", "AccessKey Secret", "mc.accesskey.secret",
                    "AccessKey secret for the source project", "访问源项目的 AccessKey Secret", "", "password", "",
                    text(SECRET_MARKER + "ak-" + h), true, "basic_group"));
                items.add(item(english, "Tunnel quota", "Tunnel 配额", "mc.tunnel.quota",
                    "Exclusive tunnel quota for the copy", "复制使用的独享 Tunnel 配额", "", "string", "",
                    text(""), false, "advanced_group"));
            }
            default -> throw new IllegalStateException("unknown source type " + type);
        }
        return List.copyOf(items);
    }

    private static JsonNode text(String s) {
        return JSON.textNode(s);
    }

    private static ConfigItemView item(boolean english, String nameEn, String nameZh, String key, String descEn,
                                       String descZh, String placeHolder, String type, String subType,
                                       JsonNode value, boolean required, String group) {
        return item(english, nameEn, nameZh, key, descEn, descZh, placeHolder, type, subType, value, required,
            group, List.of());
    }

    private static ConfigItemView item(boolean english, String nameEn, String nameZh, String key, String descEn,
                                       String descZh, String placeHolder, String type, String subType,
                                       JsonNode value, boolean required, String group, List<String> enums) {
        return new ConfigItemView(english ? nameEn : nameZh, key, english ? descEn : descZh, placeHolder, type,
            subType, value, enums, required, group);
    }
}
