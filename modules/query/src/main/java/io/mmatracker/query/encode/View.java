package io.mmatracker.query.encode;

/** Which rendering of an object a request asks for; each is cached separately. */
public enum View {
    /** The object as MMA documents it. */
    FULL,
    /**
     * A data source with an empty {@code config} array (GetMmsDataSource without {@code withConfig=true}, and the
     * items of ListMmsDataSources, which carry no config).
     */
    WITHOUT_CONFIG,
    /**
     * ListMmsTaskLogs of a task: MMA's array of log steps, those the tracker holds (the last failing step the poller
     * read when the task failed; none otherwise).
     */
    TASK_LOGS
}
