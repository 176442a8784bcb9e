package io.jitpay.pay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where every received notification is recorded, valid or not, for audit and to replay one by hand.
 *
 * @since 0.1.0
 */
public interface NotifyJournal {

    /**
     * Records a notification.
     * @param record the notification and its outcome; its id is ignored, the journal assigns one
     */
    void record(NotifyRecord record);

    /**
     * Finds a recorded notification.
     * @param id its id
     * @return the record, or empty
     */
    Optional<NotifyRecord> findNotification(long id);

    /**
     * The notifications recorded for an order, oldest first.
     * @param orderId the order id
     * @return the records
     */
    List<NotifyRecord> findNotifications(String orderId);

    /**
     * Deletes the records of one payment instance, and those no instance handled, received before a time.
     * @param fullName the payment instance
     * @param before   the oldest time to keep
     * @return how many were deleted
     */
    int purgeNotifications(String fullName, Instant before);
}
