package io.crossbar.engine;

import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.Side;
import io.crossbar.workload.BookModel;
import io.crossbar.workload.ModelledStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million seeded commands through the reference engine must leave exactly the book that the
 * independent {@link BookModel} predicts: every order, in priority order, with its leaves and
 * displayed quantity; every position; every instrument's trade count.
 */
class ModelledStreamTest
{
    @Test
    void aMillionCommandsLeaveTheBookTheModelPredicts()
    {
        final EngineConfig config = new EngineConfig();
        final ModelledStream.Stream stream = ModelledStream.generate(20261122L, 1_000_000, config);
        final ReferenceEngine engine = new ReferenceEngine(config);
        final long[] rejects = {0};
        final long[] trades = {0};
        for (int i = 0; i < stream.count(); i++)
        {
            engine.process(stream.commands(), i * 64, (buffer, offset) ->
            {
                final int kind = buffer.getByte(offset + 8);
                if (kind == EventKind.REJECTED.value())
                {
                    rejects[0]++;
                }
                else if (kind == EventKind.TRADE.value())
                {
                    trades[0]++;
                }
            });
        }

        final BookModel model = stream.model();
        assertEquals(model.trades(), trades[0], "trades");
        assertTrue(model.trades() > 50_000, "the stream should trade a lot: " + model.trades());
        assertTrue(model.liveCount() > 500, "the stream should keep a book: " + model.liveCount());
        assertEquals(model.liveCount(), engine.liveOrders(), "live orders");
        for (int i = 0; i < stream.instruments(); i++)
        {
            assertEquals(model.lastTradeId(i), engine.lastTradeId(i), "last trade id of instrument " + i);
            for (final boolean buy : new boolean[] {true, false})
            {
                final List<String> expected = new ArrayList<>();
                for (final BookModel.Order order : model.book(i, buy))
                {
                    expected.add(order.id() + "/" + order.account() + "/" + order.price() + "/" + order.leaves() + "/" + order.visible());
                }
                final List<String> actual = new ArrayList<>();
                engine.forEachOrder(i, buy ? Side.BUY : Side.SELL, (orderId, account, price, leaves, visible) ->
                    actual.add(orderId + "/" + account + "/" + price + "/" + leaves + "/" + visible));
                assertEquals(expected, actual, "book of instrument " + i + (buy ? " bids" : " asks"));
            }
            for (int a = 0; a < stream.accounts(); a++)
            {
                assertEquals(model.position(a, i), engine.position(a, i), "position of account " + a + " on " + i);
            }
        }
        // The stream is valid: the only rejects are the orders the model refused too.
        assertEquals(model.refused(), rejects[0], "rejects");
    }
}
