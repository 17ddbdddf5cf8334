package vn.tinnhiem.election;

import static vn.tinnhiem.election.internal.ConferenceRows.subject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.audit.AuditFields;
import vn.tinnhiem.audit.AuditLog;
import vn.tinnhiem.election.internal.ConferenceRows;
import vn.tinnhiem.election.internal.ElectionRepository;
import vn.tinnhiem.election.internal.OpenGate;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Permission;
import vn.tinnhiem.shared.Refusal;
import vn.tinnhiem.shared.Roles;
import vn.tinnhiem.shared.database.RetriedWhenBusy;

/**
 * A conference's lifecycle (DRAFT, READY, OPEN, CLOSED, TALLIED): what refuses a step now, the step itself with
 * the conference's row locked for update first, and the audited history checked against the table. DRAFT and
 * READY are the organiser's steps; opening, closing and counting belong to the tally board.
 */
@Service
@RetriedWhenBusy
public class Lifecycle {

    private final ElectionRepository repository;
    private final ConferenceRows rows;
    private final OpenGate gate;
    private final AuditLog audit;

    Lifecycle(ElectionRepository repository, ConferenceRows rows, OpenGate gate, AuditLog audit) {
        this.repository = repository;
        this.rows = rows;
        this.gate = gate;
        this.audit = audit;
    }

    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<Refusal> refusalsFor(ElectionId electionId, ElectionStatus target) {
        Election election = rows.existing(electionId);
        return refusals(election, target);
    }

    /**
     * What the signed-in person may do on the conference's status screen now (see {@link LifecycleSteps}). For
     * display: {@link #moveTo} checks again.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public LifecycleSteps steps(ElectionId electionId) {
        Election election = rows.existing(electionId);
        ElectionStatus status = election.status();
        boolean organiser = CurrentStaff.hasRole(Roles.ADMIN);
        Permission toCeremony = status == ElectionStatus.READY && organiser ? Permission.allowed() : Permission.notYours();
        Permission toCount = status.ordinal() >= ElectionStatus.OPEN.ordinal() ? Permission.allowed()
                : Permission.notYours();
        List<LifecycleSteps.Step> steps = new ArrayList<>();
        for (ElectionStatus target : status.next().stream().sorted().toList()) {
            if (target == ElectionStatus.CLOSED || target == ElectionStatus.TALLIED) {
                continue;
            }
            boolean organisersStep = target == ElectionStatus.DRAFT || target == ElectionStatus.READY;
            List<Refusal> missing = refusals(election, target);
            boolean yours = CurrentStaff.hasRole(organisersStep ? Roles.ADMIN : Roles.TELLER);
            steps.add(new LifecycleSteps.Step(target, yours ? Permission.unless(missing) : Permission.notYours(),
                    organisersStep ? "lifecycle.byOrganiser" : "lifecycle.byTellers", missing,
                    target.ordinal() > status.ordinal(), organisersStep ? LifecycleSteps.Confirmation.PLAIN
                            : target == ElectionStatus.OPEN ? LifecycleSteps.Confirmation.OPENING
                                    : LifecycleSteps.Confirmation.NONE));
        }
        return new LifecycleSteps(toCeremony, toCount, status.next().isEmpty(), steps);
    }

    /** DRAFT and READY are the organiser's; opening, closing and counting belong to the tally board. */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional
    public void moveTo(ElectionId electionId, ElectionStatus target) {
        boolean organisersMove = target == ElectionStatus.DRAFT || target == ElectionStatus.READY;
        if (!CurrentStaff.hasRole(organisersMove ? Roles.ADMIN : Roles.TELLER)) {
            throw refused(electionId, target, List.of(Refusal.of(
                    organisersMove ? "lifecycle.refuse.organiserOnly" : "lifecycle.refuse.tellersOnly")));
        }
        Election election = rows.locked(electionId);
        List<Refusal> refusals = refusals(election, target);
        if (!refusals.isEmpty()) {
            throw refused(electionId, target, refusals);
        }
        LocalDateTime changedAt = repository.setStatus(electionId.value(), target);
        if (target == ElectionStatus.OPEN) {
            gate.open(electionId);
        }
        // Back to DRAFT the lists may change: the key made for them, and every card printed for it, is void.
        String voidedKey = target == ElectionStatus.DRAFT ? repository.milestones(electionId.value()).get(Milestone.KEY_MADE) : null;
        if (voidedKey != null) {
            repository.deleteMilestone(electionId.value(), Milestone.KEY_MADE);
        }
        // The row's exact moment of change too: a status written later by SQL cannot match it (auditedLifecycle).
        audit.record("election.status", subject(electionId), AuditFields.of("from", election.status())
                .with("to", target).with("changedAt", changedAt));
        if (voidedKey != null) {
            audit.record("election.keyVoided", subject(electionId), AuditFields.of("digest", voidedKey));
        }
        audit.anchorAfterCommit("election.status." + target);
    }

    /** The refusal goes on the record even though this transaction is about to roll back. */
    private LifecycleRefusedException refused(ElectionId electionId, ElectionStatus target, List<Refusal> refusals) {
        audit.recordRefusal("election.statusRefused", subject(electionId), AuditFields.of("to", target)
                .with("reasons", String.join(",", refusals.stream().map(Refusal::key).toList())));
        return new LifecycleRefusedException(refusals);
    }

    /**
     * The tally board's steps (open, close, finish the count) are taken by a teller who sits on this
     * conference's board, never by a teller of another; and the polls open only when every seat is tied
     * to its teller's account, since each seat's key share goes to that person alone.
     */
    private static List<Refusal> boardRefusals(List<Teller> board, ElectionStatus target) {
        if (target != ElectionStatus.OPEN && target != ElectionStatus.CLOSED && target != ElectionStatus.TALLIED) {
            return List.of();
        }
        List<Refusal> refusals = new ArrayList<>();
        if (target == ElectionStatus.OPEN && board.stream().anyMatch(t -> t.account().isEmpty())) {
            refusals.add(Refusal.of("lifecycle.refuse.seatsWithoutAccount"));
        }
        Optional<String> me = CurrentStaff.username();
        if (CurrentStaff.hasRole(Roles.TELLER) && board.stream().noneMatch(t -> t.account().equals(me))) {
            refusals.add(Refusal.of("lifecycle.refuse.notOnBoard"));
        }
        return refusals;
    }

    /** Every reason the step is refused now: the lifecycle's rules, then the tally board's seats. */
    private List<Refusal> refusals(Election election, ElectionStatus target) {
        List<Teller> board = repository.tellers(election.id().value());
        List<Refusal> refusals = new ArrayList<>(LifecycleRules.refusals(election.status(), target,
                facts(election, board)));
        refusals.addAll(boardRefusals(board, target));
        return refusals;
    }

    private LifecycleRules.Facts facts(Election election, List<Teller> tellers) {
        ElectionId id = election.id();
        Map<Milestone, String> reported = repository.milestones(id.value());
        return new LifecycleRules.Facts(repository.candidates(id.value()).size(), repository.voterCount(id.value()), tellers.size(),
                (int) tellers.stream().filter(Teller::head).count(), election.thresholdK(),
                reported.containsKey(Milestone.KEY_MADE), reported.containsKey(Milestone.COUNTED));
    }

    /**
     * The conference's lifecycle as the table holds it, compared with its audited history (the chain's
     * {@code election.status}, {@code election.milestone} and {@code election.keyVoided} entries about it): each
     * step must start where the last ended along a move the lifecycle allows, the table's status must be the last
     * audited one and its row must have last changed then, and the milestones must be the audited ones. A status
     * or milestone written by SQL, with no entry, shows here. Empty when they agree.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TELLER})
    @Transactional(readOnly = true)
    public List<LifecycleMismatch> auditedLifecycle(ElectionId electionId) {
        Election election = rows.existing(electionId);
        List<LifecycleMismatch> found = new ArrayList<>();
        ElectionStatus audited = ElectionStatus.DRAFT;
        @Nullable Instant lastMove = null;
        String lastStamp = "";
        Map<Milestone, String> milestones = new java.util.EnumMap<>(Milestone.class);
        for (var e : audit.history(subject(electionId), List.of("election.status", "election.milestone",
                "election.keyVoided"))) {
            var fields = e.fields();
            switch (e.action()) {
                case "election.status" -> {
                    String from = fields.get("from").orElse("");
                    String to = fields.get("to").orElse("");
                    ElectionStatus target = statusOrNull(to);
                    if (!from.equals(audited.name()) || target == null || !audited.next().contains(target)) {
                        found.add(new LifecycleMismatch("history", "#" + e.id() + " " + from + "->" + to,
                                audited.name() + "->" + audited.next()));
                    }
                    if (target != null) {
                        audited = target;
                    }
                    lastMove = e.occurredAt();
                    lastStamp = fields.get("changedAt").orElse("");
                }
                case "election.milestone" -> fields.get("milestone").map(Lifecycle::milestoneOrNull)
                        .ifPresent(m -> milestones.put(m, fields.get("digest").orElse("")));
                default -> milestones.remove(Milestone.KEY_MADE);
            }
        }
        if (election.status() != audited) {
            found.add(new LifecycleMismatch("status", election.status().name(), audited.name()));
        }
        if (lastMove != null) {
            LocalDateTime row = repository.updatedAt(electionId.value()).orElseThrow();
            Instant changed = row.toInstant(ZoneOffset.UTC);
            // The entry carries the row's exact moment; an entry written before it did is held to within a few
            // seconds of its own time (the row and the entry are written in one transaction, milliseconds apart).
            boolean same = lastStamp.isEmpty()
                    ? Duration.between(changed, lastMove).abs().compareTo(Duration.ofSeconds(5)) <= 0
                    : row.equals(parsedOrNull(lastStamp));
            if (!same) {
                found.add(new LifecycleMismatch("changedAt", row.toString(), lastStamp.isEmpty()
                        ? LocalDateTime.ofInstant(lastMove, ZoneOffset.UTC).toString() : lastStamp));
            }
        }
        Map<Milestone, String> table = repository.milestones(electionId.value());
        for (Milestone m : Milestone.values()) {
            String inTable = table.getOrDefault(m, "");
            String inChain = milestones.getOrDefault(m, "");
            if (!inTable.equals(inChain)) {
                found.add(new LifecycleMismatch("milestone." + m.name(), inTable, inChain));
            }
        }
        return found;
    }

    private static @Nullable LocalDateTime parsedOrNull(String stamp) {
        try {
            return LocalDateTime.parse(stamp);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable ElectionStatus statusOrNull(String name) {
        try {
            return ElectionStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Milestone milestoneOrNull(String name) {
        try {
            return Milestone.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
