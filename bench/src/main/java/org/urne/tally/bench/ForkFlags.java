package org.urne.tally.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The one place the forked benchmark JVMs get the flags Chronicle Queue and Agrona need (the same as the root pom's
 * {@code urne.jvm.flags}): every benchmark extends this class, and JMH merges this {@code @Fork} with the
 * benchmark's own (its heap size, say). A base class rather than a String constant because an annotation cannot
 * take an array constant, and JMH passes each element as one JVM argument: the flags joined by spaces would reach
 * the JVM as a single, silently wrong {@code -D}.
 */
@Fork(value = 1, jvmArgsAppend = {
    "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public abstract class ForkFlags
{
}
