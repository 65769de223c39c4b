package io.mmatracker.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mmatracker.query.api.QueryApi;
import io.mmatracker.query.auth.AccessRules.ResourceFrom;
import io.mmatracker.query.auth.AccessRules.Rule;

class AccessRulesTest {

    /** The rules of every route, as they were written out by hand before the kind catalog derived them. */
    @Test
    void everyRouteNeedsMmasOwnActionForItsKindAndTheTrackersOtherwise() {
        Map<String, Rule> expected = Map.ofEntries(
                Map.entry(QueryApi.GET_DATA_SOURCE, new Rule("odps:GetMmsDataSource", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_SCAN, new Rule("odps:GetMmsFetchMetadataJob", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_JOB, new Rule("odps:GetMmsJob", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_TABLE, new Rule("odps:GetMmsTable", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_ASYNC_TASK, new Rule("odps:GetMmsAsyncTask", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.LIST_JOBS, new Rule("odps:ListMmsJobs", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.LIST_TABLES, new Rule("odps:ListMmsTables", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_TASK, new Rule("odps:GetMmsTask", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.LIST_TASKS, new Rule("odps:ListMmsTasks", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.LIST_TASK_LOGS, new Rule("odps:ListMmsTaskLogs", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_TASK_HISTORY, new Rule("odps:GetMmsTask", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_SUMMARY, new Rule(AccessRules.GET_SUMMARY, ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.WATCH_ASYNC_TASK, new Rule(AccessRules.WATCH, ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.EVENTS, new Rule(AccessRules.EVENTS, ResourceFrom.QUERY_SOURCE_OR_FILTERED)),
                Map.entry(QueryApi.GET_SCAN_HISTORY, new Rule("odps:GetMmsFetchMetadataJob", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_JOB_HISTORY, new Rule("odps:GetMmsJob", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_TABLE_HISTORY, new Rule("odps:GetMmsTable", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.GET_ASYNC_TASK_HISTORY, new Rule("odps:GetMmsAsyncTask", ResourceFrom.PATH_SOURCE)),
                Map.entry(QueryApi.LIST_DATA_SOURCES, new Rule(AccessRules.LIST_DATA_SOURCES, ResourceFrom.FILTERED)),
                Map.entry(QueryApi.METRICS, new Rule(AccessRules.METRICS, ResourceFrom.INSTANCE)));
        expected.forEach((route, rule) -> assertThat(AccessRules.rule(route)).as(route).contains(rule));
        assertThat(AccessRules.rule("GetMmsDataSourceHistory")).as("data sources keep no history").isEmpty();
        assertThat(AccessRules.rule(QueryApi.LIVE)).as("health is open, not ruled").isEmpty();
    }
}
