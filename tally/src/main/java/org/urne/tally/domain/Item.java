package org.urne.tally.domain;

/**
 * One thing a poll asks about: an action to prioritise, a proposal to give an opinion on, an option to grade.
 *
 * @param id      the number citizens and published results know it by (Clermont's actions are 1 to 40).
 * @param title   what it says.
 * @param group   an optional grouping shown by results pages (a "transition" in Clermont), or null.
 * @param subject an optional finer grouping, or null.
 */
public record Item(int id, String title, String group, String subject)
{
}
