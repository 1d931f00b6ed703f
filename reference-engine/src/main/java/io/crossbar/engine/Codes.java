package io.crossbar.engine;

import io.crossbar.sbe.device.CommandKind;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.MassCancelScope;
import io.crossbar.sbe.device.OrderType;
import io.crossbar.sbe.device.Reason;
import io.crossbar.sbe.device.Side;
import io.crossbar.sbe.device.StpMode;
import io.crossbar.sbe.device.TimeInForce;

/**
 * Wire values of the device schema's enumerations as compile-time constants, for switches and
 * comparisons on raw bytes in the hot path. The generated SBE enums stay the source of truth: the
 * static check below fails class loading if a value here ever disagrees with device.xml.
 */
public final class Codes
{
    // CommandKind
    public static final int CMD_NEW_ORDER = 1;
    public static final int CMD_MODIFY = 2;
    public static final int CMD_CANCEL = 3;
    public static final int CMD_MASS_CANCEL = 4;
    public static final int CMD_SET_INSTRUMENT = 5;
    public static final int CMD_SET_MARGIN = 6;
    public static final int CMD_SET_REFERENCE_PRICE = 7;
    public static final int CMD_SET_ACCOUNT = 8;
    public static final int CMD_HALT = 9;
    public static final int CMD_RESUME = 10;
    public static final int CMD_HEARTBEAT = 11;

    // Reason
    public static final int NONE = 0;
    public static final int UNKNOWN_INSTRUMENT = 1;
    public static final int INSTRUMENT_NOT_TRADING = 2;
    public static final int UNKNOWN_ACCOUNT = 3;
    public static final int INVALID_QUANTITY = 4;
    public static final int INVALID_PRICE = 5;
    public static final int PRICE_OUT_OF_BAND = 6;
    public static final int QUANTITY_OVER_MAX = 7;
    public static final int INSUFFICIENT_MARGIN = 8;
    public static final int POSITION_LIMIT = 9;
    public static final int REDUCE_ONLY_WOULD_INCREASE = 10;
    public static final int POST_ONLY_WOULD_CROSS = 11;
    public static final int FOK_UNFILLABLE = 12;
    public static final int INVALID_ORDER_FLAGS = 13;
    public static final int BOOK_FULL = 14;
    public static final int UNKNOWN_ORDER = 15;
    public static final int NOT_ORDER_OWNER = 16;
    public static final int UNKNOWN_COMMAND = 17;
    public static final int INVALID_PARAMETER = 18;
    public static final int CANCELED_BY_USER = 32;
    public static final int IOC_REMAINDER = 33;
    public static final int SELF_TRADE = 34;
    public static final int MASS_CANCEL = 35;
    public static final int INSTRUMENT_CLOSED = 36;
    public static final int OUT_OF_WINDOW = 37;

    // Side
    public static final int SIDE_BUY = 1;
    public static final int SIDE_SELL = 2;

    // OrderType
    public static final int TYPE_LIMIT = 1;
    public static final int TYPE_MARKET = 2;

    // TimeInForce
    public static final int TIF_GTC = 1;
    public static final int TIF_IOC = 2;
    public static final int TIF_FOK = 3;

    // StpMode
    public static final int STP_CANCEL_RESTING = 0;
    public static final int STP_CANCEL_AGGRESSOR = 1;
    public static final int STP_CANCEL_BOTH = 2;

    // MassCancelScope
    public static final int SCOPE_ACCOUNT = 1;
    public static final int SCOPE_ACCOUNT_INSTRUMENT = 2;
    public static final int SCOPE_INSTRUMENT = 3;

    // InstrumentStatus
    public static final int STATUS_UNCONFIGURED = 0;
    public static final int STATUS_TRADING = 1;
    public static final int STATUS_HALTED = 2;
    public static final int STATUS_CLOSED = 3;

    static
    {
        check(CommandKind.NEW_ORDER.value(), CMD_NEW_ORDER, "CommandKind.NEW_ORDER");
        check(CommandKind.MODIFY.value(), CMD_MODIFY, "CommandKind.MODIFY");
        check(CommandKind.CANCEL.value(), CMD_CANCEL, "CommandKind.CANCEL");
        check(CommandKind.MASS_CANCEL.value(), CMD_MASS_CANCEL, "CommandKind.MASS_CANCEL");
        check(CommandKind.SET_INSTRUMENT.value(), CMD_SET_INSTRUMENT, "CommandKind.SET_INSTRUMENT");
        check(CommandKind.SET_MARGIN.value(), CMD_SET_MARGIN, "CommandKind.SET_MARGIN");
        check(CommandKind.SET_REFERENCE_PRICE.value(), CMD_SET_REFERENCE_PRICE, "CommandKind.SET_REFERENCE_PRICE");
        check(CommandKind.SET_ACCOUNT.value(), CMD_SET_ACCOUNT, "CommandKind.SET_ACCOUNT");
        check(CommandKind.HALT.value(), CMD_HALT, "CommandKind.HALT");
        check(CommandKind.RESUME.value(), CMD_RESUME, "CommandKind.RESUME");
        check(CommandKind.HEARTBEAT.value(), CMD_HEARTBEAT, "CommandKind.HEARTBEAT");
        check(Reason.NONE.value(), NONE, "Reason.NONE");
        check(Reason.UNKNOWN_INSTRUMENT.value(), UNKNOWN_INSTRUMENT, "Reason.UNKNOWN_INSTRUMENT");
        check(Reason.INSTRUMENT_NOT_TRADING.value(), INSTRUMENT_NOT_TRADING, "Reason.INSTRUMENT_NOT_TRADING");
        check(Reason.UNKNOWN_ACCOUNT.value(), UNKNOWN_ACCOUNT, "Reason.UNKNOWN_ACCOUNT");
        check(Reason.INVALID_QUANTITY.value(), INVALID_QUANTITY, "Reason.INVALID_QUANTITY");
        check(Reason.INVALID_PRICE.value(), INVALID_PRICE, "Reason.INVALID_PRICE");
        check(Reason.PRICE_OUT_OF_BAND.value(), PRICE_OUT_OF_BAND, "Reason.PRICE_OUT_OF_BAND");
        check(Reason.QUANTITY_OVER_MAX.value(), QUANTITY_OVER_MAX, "Reason.QUANTITY_OVER_MAX");
        check(Reason.INSUFFICIENT_MARGIN.value(), INSUFFICIENT_MARGIN, "Reason.INSUFFICIENT_MARGIN");
        check(Reason.POSITION_LIMIT.value(), POSITION_LIMIT, "Reason.POSITION_LIMIT");
        check(Reason.REDUCE_ONLY_WOULD_INCREASE.value(), REDUCE_ONLY_WOULD_INCREASE, "Reason.REDUCE_ONLY_WOULD_INCREASE");
        check(Reason.POST_ONLY_WOULD_CROSS.value(), POST_ONLY_WOULD_CROSS, "Reason.POST_ONLY_WOULD_CROSS");
        check(Reason.FOK_UNFILLABLE.value(), FOK_UNFILLABLE, "Reason.FOK_UNFILLABLE");
        check(Reason.INVALID_ORDER_FLAGS.value(), INVALID_ORDER_FLAGS, "Reason.INVALID_ORDER_FLAGS");
        check(Reason.BOOK_FULL.value(), BOOK_FULL, "Reason.BOOK_FULL");
        check(Reason.UNKNOWN_ORDER.value(), UNKNOWN_ORDER, "Reason.UNKNOWN_ORDER");
        check(Reason.NOT_ORDER_OWNER.value(), NOT_ORDER_OWNER, "Reason.NOT_ORDER_OWNER");
        check(Reason.UNKNOWN_COMMAND.value(), UNKNOWN_COMMAND, "Reason.UNKNOWN_COMMAND");
        check(Reason.INVALID_PARAMETER.value(), INVALID_PARAMETER, "Reason.INVALID_PARAMETER");
        check(Reason.CANCELED_BY_USER.value(), CANCELED_BY_USER, "Reason.CANCELED_BY_USER");
        check(Reason.IOC_REMAINDER.value(), IOC_REMAINDER, "Reason.IOC_REMAINDER");
        check(Reason.SELF_TRADE.value(), SELF_TRADE, "Reason.SELF_TRADE");
        check(Reason.MASS_CANCEL.value(), MASS_CANCEL, "Reason.MASS_CANCEL");
        check(Reason.INSTRUMENT_CLOSED.value(), INSTRUMENT_CLOSED, "Reason.INSTRUMENT_CLOSED");
        check(Reason.OUT_OF_WINDOW.value(), OUT_OF_WINDOW, "Reason.OUT_OF_WINDOW");
        check(Side.BUY.value(), SIDE_BUY, "Side.BUY");
        check(Side.SELL.value(), SIDE_SELL, "Side.SELL");
        check(OrderType.LIMIT.value(), TYPE_LIMIT, "OrderType.LIMIT");
        check(OrderType.MARKET.value(), TYPE_MARKET, "OrderType.MARKET");
        check(TimeInForce.GTC.value(), TIF_GTC, "TimeInForce.GTC");
        check(TimeInForce.IOC.value(), TIF_IOC, "TimeInForce.IOC");
        check(TimeInForce.FOK.value(), TIF_FOK, "TimeInForce.FOK");
        check(StpMode.CANCEL_RESTING.value(), STP_CANCEL_RESTING, "StpMode.CANCEL_RESTING");
        check(StpMode.CANCEL_AGGRESSOR.value(), STP_CANCEL_AGGRESSOR, "StpMode.CANCEL_AGGRESSOR");
        check(StpMode.CANCEL_BOTH.value(), STP_CANCEL_BOTH, "StpMode.CANCEL_BOTH");
        check(MassCancelScope.ACCOUNT.value(), SCOPE_ACCOUNT, "MassCancelScope.ACCOUNT");
        check(MassCancelScope.ACCOUNT_INSTRUMENT.value(), SCOPE_ACCOUNT_INSTRUMENT, "MassCancelScope.ACCOUNT_INSTRUMENT");
        check(MassCancelScope.INSTRUMENT.value(), SCOPE_INSTRUMENT, "MassCancelScope.INSTRUMENT");
        check(InstrumentStatus.UNCONFIGURED.value(), STATUS_UNCONFIGURED, "InstrumentStatus.UNCONFIGURED");
        check(InstrumentStatus.TRADING.value(), STATUS_TRADING, "InstrumentStatus.TRADING");
        check(InstrumentStatus.HALTED.value(), STATUS_HALTED, "InstrumentStatus.HALTED");
        check(InstrumentStatus.CLOSED.value(), STATUS_CLOSED, "InstrumentStatus.CLOSED");
    }

    private Codes()
    {
    }

    private static void check(final int generated, final int constant, final String name)
    {
        if (generated != constant)
        {
            throw new IllegalStateException(name + " is " + generated + " in device.xml but " + constant + " here");
        }
    }
}
