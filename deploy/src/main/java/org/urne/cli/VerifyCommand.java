package org.urne.cli;

import java.util.concurrent.Callable;

import org.urne.tally.journal.JournalCorruptException;
import org.urne.tally.journal.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Decodes every record and checks its checksum, sequence and hash chain, and prints the chain head. Exit code 0:
 * sound; 1: a corrupt tail (the next start drops it); 2: damage in the middle or a broken chain (the service refuses
 * to start).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check every journal record (checksum, sequence, hash chain), report the first bad one and print "
        + "the chain head.",
        "Exit code 0: sound; 1: a corrupt tail, which the next start drops; 2: damage in the middle or a broken "
            + "chain."})
final class VerifyCommand implements Callable<Integer>
{
    @Mixin
    JournalOption journalOption;

    @Override
    public Integer call()
    {
        System.out.printf("Journal %s%n", journalOption.journal);
        final JournalVerifier.Report report;
        try
        {
            report = JournalVerifier.verify(journalOption.existingJournal());
        }
        catch (final JournalCorruptException ex)
        {
            System.out.println("  DAMAGED: " + ex.getMessage().replace("\n", "\n  "));
            return 2;
        }
        System.out.printf("  valid records:      %d (positions 0 to %d)%n", report.records(),
            report.lastGoodPosition());
        System.out.printf("  chain head:         %s (after position %d)%n", report.chainHead(),
            report.lastGoodPosition());
        if (report.droppedRecords() > 0)
        {
            System.out.printf("  dropped earlier:    %d corrupt tail record(s), skipped by readers%n",
                report.droppedRecords());
        }
        if (report.ok())
        {
            System.out.println("  OK: every record checks out.");
            return 0;
        }
        System.out.printf("  bad records:        %d%n", report.badRecords());
        System.out.printf("  first bad record:   position %d: %s%n", report.firstBadPosition(),
            report.firstBadReason());
        if (report.corruptInMiddle())
        {
            System.out.println("  DAMAGED: valid records follow the bad one, or it breaks the hash chain. The service " +
                "will refuse to start.");
            System.out.printf("  Records 0 to %d are sound; restore the journal from a backup or copy, or "
                + "keep that prefix (see docs/operations.md).%n", report.lastGoodPosition());
            return 2;
        }
        System.out.println("  CORRUPT TAIL: the next start drops the bad record(s) after position " +
            report.lastGoodPosition() + " (a record torn by a crash was never acknowledged).");
        return 1;
    }
}
