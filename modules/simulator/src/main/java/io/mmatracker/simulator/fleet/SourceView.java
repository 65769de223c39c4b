package io.mmatracker.simulator.fleet;

import java.util.List;

/** A data source as ListMmsDataSources / GetMmsDataSource serve it, with counters computed from its tables. */
public record SourceView(long id, String region, String name, String dstProject, List<String> dstProjects,
                         String type, String networklink, String lastUpdateTime, int dbNum, int tableNum,
                         long partitionNum, String createTime, String status, String errMsg,
                         List<ConfigItemView> config, boolean agentIsOnline, int tablesDoingNum, int tablesDoneNum,
                         int tablesPartDoneNum, int tablesFailedNum, long partitionsDoingNum,
                         long partitionsDoneNum, long partitionsFailedNum, long scanId, String scanStatus,
                         String scanErrMsg, Pin pin) {
}
