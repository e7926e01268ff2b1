package io.skynetspring.benchmarks.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks behind "nothing lost or answered twice": each way a call can go wrong shows in its own count. */
class CallBookTest {

    @Test
    void aCallAnsweredWithItsOwnIdAndBytesIsOk() {
        CallBook book = new CallBook(64);
        long id = book.issue();
        book.answered(id, id, true, 1_000);
        assertThat(book.ok()).isEqualTo(1);
        assertThat(book.outstanding()).isZero();
        assertThat(book.mismatched() + book.duplicates() + book.errors()).isZero();
    }

    @Test
    void anotherCallsIdOrOtherBytesIsAMismatch() {
        CallBook book = new CallBook(64);
        long a = book.issue();
        long b = book.issue();
        book.answered(a, b, true, 1_000);
        book.answered(b, b, false, 1_000);
        assertThat(book.mismatched()).isEqualTo(2);
        assertThat(book.ok()).isZero();
        assertThat(book.duplicates()).as("b's id came back twice").isEqualTo(1);
    }

    @Test
    void anIdAnsweredTwiceIsADuplicateAndAnUnansweredCallStaysOutstanding() {
        CallBook book = new CallBook(64);
        long a = book.issue();
        book.issue();
        book.answered(a, a, true, 1_000);
        book.late(a);
        assertThat(book.duplicates()).isEqualTo(1);
        assertThat(book.late()).isEqualTo(1);
        assertThat(book.outstanding()).as("the second call never ended: lost").isEqualTo(1);
    }

    @Test
    void aReplyWithAnIdNeverIssuedIsAMismatch() {
        CallBook book = new CallBook(64);
        book.issue();
        book.late(63);
        assertThat(book.mismatched()).isEqualTo(1);
    }

    @Test
    void errorsAreCountedByKind() {
        CallBook book = new CallBook(64);
        book.failed(book.issue(), new TimeoutException("slow"));
        book.failed(book.issue(), new IllegalStateException("down"));
        book.failed(book.issue(), new TimeoutException("slow"));
        assertThat(book.errors()).isEqualTo(3);
        assertThat(book.errorKinds()).isEqualTo(Map.of("IllegalStateException", 1L, "TimeoutException", 2L));
        assertThat(book.outstanding()).isZero();
    }

    @Test
    void aFullBookStopsCalling() {
        CallBook book = new CallBook(64);
        for (int i = 0; i < 64; i++) {
            assertThat(book.issue()).isEqualTo(i);
        }
        assertThat(book.issue()).isEqualTo(-1);
        assertThat(book.calling()).isFalse();
        assertThat(book.issued()).isEqualTo(64);
    }

    @Test
    void drainedOnceCallingStoppedAndEveryCallEnded() {
        CallBook book = new CallBook(64);
        long a = book.issue();
        long b = book.issue();
        book.stopCalling();
        assertThat(book.issue()).as("nothing is issued after the stop").isEqualTo(-1);
        assertThat(book.drained()).isNotDone();
        book.answered(a, a, true, 1_000);
        assertThat(book.drained()).isNotDone();
        book.failed(b, new TimeoutException("slow"));
        assertThat(book.drained()).isDone();
        assertThat(book.outstanding()).isZero();
    }

    @Test
    void aBookWithNothingUnderWayIsDrainedWhenStopped() {
        CallBook book = new CallBook(64);
        long a = book.issue();
        book.answered(a, a, true, 1_000);
        assertThat(book.drained()).isNotDone();
        book.stopCalling();
        assertThat(book.drained()).isDone();
    }

    @Test
    void aTinyBookIsRefused() {
        assertThatThrownBy(() -> new CallBook(8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 64");
    }
}
