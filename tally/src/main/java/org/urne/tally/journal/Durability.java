package org.urne.tally.journal;

/** What an acknowledged append has survived. */
public enum Durability
{
    /**
     * The batch is forced to the storage device (msync) before its futures complete: an acknowledged record
     * survives a process crash, a kernel panic and a power loss. The default.
     */
    FSYNC,
    /**
     * The batch is in the operating system's page cache when its futures complete: an acknowledged record survives
     * a crash of this process, but not a power loss or kernel panic, which can lose the last seconds of records.
     */
    PAGE_CACHE
}
