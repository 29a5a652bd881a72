package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link SingleRecordSync} through the batch's own routes: {@code planRecords} and {@code writePlannedRecords}. */
@Component
public class SingleRecordRoutes implements SingleRecordSync {

    private final ProducerTemplate producer;

    public SingleRecordRoutes(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public RecordPlan plan(SyncJob job, EntityType entity, SyncRecord record) {
        BatchWork work = new BatchWork(job, entity, -1, List.of(record));
        send("direct:planRecords", work);
        return work.plans().get(0);
    }

    @Override
    public BatchWork write(SyncJob job, EntityType entity, SyncRecord record, SyncRecord target) {
        BatchWork work = new BatchWork(job, entity, -1, List.of(record));
        String hash = ContentHash.of(record.fields());
        work.planned(List.of(target == null ? RecordPlan.create(record, hash)
                : RecordPlan.update(record, target.id(), hash, target)));
        send("direct:writePlannedRecords", work);
        return work;
    }

    private void send(String route, BatchWork work) {
        Exchange done = producer.send(route, exchange -> {
            exchange.setProperty(SyncJob.PROPERTY, work.job());
            exchange.setProperty(BatchWork.PROPERTY, work);
        });
        Throwable failure = done.getException();
        while (failure instanceof CamelExecutionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
