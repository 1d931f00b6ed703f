package io.crossbar.engine;

import io.crossbar.sbe.device.CancelCommandDecoder;
import io.crossbar.sbe.device.MassCancelCommandDecoder;
import io.crossbar.sbe.device.ModifyCommandDecoder;
import io.crossbar.sbe.device.NewOrderCommandDecoder;
import io.crossbar.sbe.device.OrderFlagsDecoder;
import io.crossbar.sbe.device.SetAccountCommandDecoder;
import io.crossbar.sbe.device.SetInstrumentCommandDecoder;
import io.crossbar.sbe.device.SetMarginCommandDecoder;
import io.crossbar.sbe.device.SetReferencePriceCommandDecoder;

/**
 * Byte offsets of the command record fields the engine reads, taken from the codecs generated
 * from sbe-schemas/device.xml so there is one source of truth. The engine reads raw fields (not
 * decoded enums) because an out-of-range value must become a reject reason, not an exception.
 */
final class CommandLayout
{
    static final int SEQUENCE = NewOrderCommandDecoder.sequenceEncodingOffset();
    static final int KIND = NewOrderCommandDecoder.kindEncodingOffset();
    static final int ACCOUNT = NewOrderCommandDecoder.accountEncodingOffset();
    static final int INSTRUMENT = NewOrderCommandDecoder.instrumentEncodingOffset();

    static final int SIDE = NewOrderCommandDecoder.sideEncodingOffset();
    static final int ORDER_TYPE = NewOrderCommandDecoder.orderTypeEncodingOffset();
    static final int TIME_IN_FORCE = NewOrderCommandDecoder.timeInForceEncodingOffset();
    static final int FLAGS = NewOrderCommandDecoder.flagsEncodingOffset();
    static final int STP_MODE = NewOrderCommandDecoder.stpModeEncodingOffset();
    static final int NEW_PRICE = NewOrderCommandDecoder.priceEncodingOffset();
    static final int NEW_QUANTITY = NewOrderCommandDecoder.quantityEncodingOffset();
    static final int NEW_DISPLAY_QUANTITY = NewOrderCommandDecoder.displayQuantityEncodingOffset();
    static final int FLAG_POST_ONLY = 1 << 0;
    static final int FLAG_REDUCE_ONLY = 1 << 1;

    static final int ORDER_ID = ModifyCommandDecoder.orderIdEncodingOffset();
    static final int MODIFY_PRICE = ModifyCommandDecoder.priceEncodingOffset();
    static final int MODIFY_QUANTITY = ModifyCommandDecoder.quantityEncodingOffset();

    static final int MASS_CANCEL_SCOPE = MassCancelCommandDecoder.scopeEncodingOffset();

    static final int INSTRUMENT_STATUS = SetInstrumentCommandDecoder.statusEncodingOffset();
    static final int BAND_BPS = SetInstrumentCommandDecoder.bandBpsEncodingOffset();
    static final int INSTRUMENT_REFERENCE_PRICE = SetInstrumentCommandDecoder.referencePriceEncodingOffset();
    static final int MAX_ORDER_QUANTITY = SetInstrumentCommandDecoder.maxOrderQuantityEncodingOffset();
    static final int POSITION_LIMIT = SetInstrumentCommandDecoder.positionLimitEncodingOffset();

    static final int BUY_A = SetMarginCommandDecoder.buyAEncodingOffset();
    static final int BUY_B = SetMarginCommandDecoder.buyBEncodingOffset();
    static final int SELL_A = SetMarginCommandDecoder.sellAEncodingOffset();
    static final int SELL_B = SetMarginCommandDecoder.sellBEncodingOffset();

    static final int REFERENCE_PRICE = SetReferencePriceCommandDecoder.referencePriceEncodingOffset();
    static final int CREDIT = SetAccountCommandDecoder.creditEncodingOffset();

    static
    {
        // The layouts share their common prefix; a schema edit that breaks that fails loudly here.
        if (ModifyCommandDecoder.accountEncodingOffset() != ACCOUNT ||
            CancelCommandDecoder.accountEncodingOffset() != ACCOUNT ||
            CancelCommandDecoder.orderIdEncodingOffset() != ORDER_ID ||
            MassCancelCommandDecoder.accountEncodingOffset() != ACCOUNT ||
            SetAccountCommandDecoder.accountEncodingOffset() != ACCOUNT ||
            ModifyCommandDecoder.instrumentEncodingOffset() != INSTRUMENT ||
            CancelCommandDecoder.instrumentEncodingOffset() != INSTRUMENT ||
            MassCancelCommandDecoder.instrumentEncodingOffset() != INSTRUMENT ||
            SetInstrumentCommandDecoder.instrumentEncodingOffset() != INSTRUMENT ||
            SetMarginCommandDecoder.instrumentEncodingOffset() != INSTRUMENT ||
            SetReferencePriceCommandDecoder.instrumentEncodingOffset() != INSTRUMENT ||
            OrderFlagsDecoder.ENCODED_LENGTH != 1)
        {
            throw new IllegalStateException("device.xml command layouts no longer share their prefix");
        }
    }

    private CommandLayout()
    {
    }
}
