package io.crossbar.appliance;

/**
 * One listed instrument as the operator configures it: what the card needs (band, limits,
 * margin coefficients, reference price) and what market data publishes in its definition
 * (symbol, tick and lot, option terms).
 *
 * @param id               the card's instrument number, 0 .. instruments-1.
 * @param symbol           e.g. {@code BTC-PERP}, {@code BTC-27JUN26-100000-C}; at most 24 ASCII characters.
 * @param option           false: a perpetual; true: a European option.
 * @param call             options: call (true) or put.
 * @param underlying       options: the perpetual they settle against; perpetuals: their own id.
 * @param expiryNs         options: expiry, ns since the epoch; 0 for perpetuals.
 * @param strikeTicks      options: strike in ticks of the underlying; 0 for perpetuals.
 * @param tickSizeE9       price increment in quote currency x 10^9.
 * @param lotSizeE9        underlying units per lot x 10^9.
 * @param tickValue        value of one tick on one lot in collateral units (10^-6 of the token).
 * @param referencePrice   initial centre of the price band, in ticks.
 * @param bandBps          band half-width in basis points of the reference price.
 * @param maxOrderQuantity largest order, in lots.
 * @param positionLimit    largest absolute position an account may hold, in lots.
 * @param buyA             margin reserved per bought lot: buyA + buyB * price (collateral units).
 * @param buyB             see buyA.
 * @param sellA            margin reserved per sold lot: sellA + sellB * price.
 * @param sellB            see sellA.
 */
public record InstrumentSpec(
    int id,
    String symbol,
    boolean option,
    boolean call,
    int underlying,
    long expiryNs,
    long strikeTicks,
    long tickSizeE9,
    long lotSizeE9,
    long tickValue,
    long referencePrice,
    int bandBps,
    long maxOrderQuantity,
    long positionLimit,
    long buyA,
    long buyB,
    long sellA,
    long sellB)
{
    public InstrumentSpec
    {
        if (symbol.isEmpty() || symbol.length() > 24 || !symbol.chars().allMatch((c) -> c > 32 && c < 127))
        {
            throw new IllegalArgumentException("instrument " + id + ": symbol must be 1-24 printable ASCII characters");
        }
        if (id < 0 || referencePrice <= 0 || bandBps <= 0 || maxOrderQuantity <= 0 || positionLimit <= 0 ||
            tickSizeE9 <= 0 || lotSizeE9 <= 0)
        {
            throw new IllegalArgumentException("instrument " + symbol + ": id, reference price, band, max order " +
                "quantity, position limit, tick and lot must be positive");
        }
    }
}
