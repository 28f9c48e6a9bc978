using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>
/// The fuzz corpus: random messages and golden messages with random mutations, from a seed, fed to the
/// reader. Shared by the CI test (FuzzTests) and the longer run in bench/ (ConnDiag.Bench dnsfuzz).
/// </summary>
internal static class FuzzCorpus
{
    /// <summary>Outcome of one fuzz run; <see cref="Unexpected"/> describes the first exception of another type.</summary>
    internal sealed record FuzzResult(int Parsed, int Rejected, string? Unexpected);

    internal static FuzzResult Run(int seed, int count)
    {
        var random = new Random(seed);
        var golden = GoldenPackets.All.Select(Hex.Bytes).ToArray();
        int parsed = 0, rejected = 0;
        for (var i = 0; i < count; i++)
        {
            var message = Next(random, golden, i);
            try
            {
                var m = DnsMessage.Parse(message);
                // Reading every derived property must not throw either.
                _ = m.ResponseCode;
                _ = m.Header.Flags;
                foreach (var r in m.Answers.Concat(m.Authorities).Concat(m.Additionals)) _ = r.ToString();
                parsed++;
            }
            catch (DnsFormatException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                return new FuzzResult(parsed, rejected, $"message {i}: {ex.GetType().Name}: {ex.Message}\n{Hex.Of(message)}\n{ex}");
            }
        }
        return new FuzzResult(parsed, rejected, null);
    }

    private static byte[] Next(Random random, byte[][] golden, int i)
    {
        // One in eight fully random; the rest mutate a golden message, where the interesting edges are.
        if (i % 8 == 0)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            // Plausible headers get past the first checks more often.
            if (bytes.Length >= 12 && random.Next(2) == 0)
            {
                bytes[4] = 0;
                bytes[5] = 1;
                for (var k = 6; k < 12; k += 2) bytes[k] = 0;
            }
            return bytes;
        }
        var message = golden[random.Next(golden.Length)].ToList();
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && message.Count > 0; m++)
        {
            var at = random.Next(message.Count);
            switch (random.Next(9))
            {
                case 0:
                    message[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    message[at] = (byte)random.Next(256);
                    break;
                case 2:
                    // A compression pointer to anywhere, the classic attack.
                    message[at] = (byte)(0xC0 | random.Next(4));
                    if (at + 1 < message.Count) message[at + 1] = (byte)random.Next(256);
                    break;
                case 3:
                    message.RemoveRange(at, Math.Min(message.Count - at, random.Next(1, 8)));
                    break;
                case 4:
                    message.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    break;
                case 5:
                    message.RemoveRange(at, message.Count - at);
                    break;
                case 6:
                    // A count field (QD/AN/NS/AR) set to something else.
                    var field = 4 + 2 * random.Next(4);
                    if (field + 1 < message.Count)
                    {
                        message[field] = (byte)(random.Next(4) == 0 ? random.Next(256) : 0);
                        message[field + 1] = (byte)random.Next(8);
                    }
                    break;
                case 7:
                    // A length byte (label, RDLENGTH low byte, string length) set to an edge value.
                    byte[] edges = [0, 1, 63, 64, 127, 128, 191, 192, 255];
                    message[at] = edges[random.Next(edges.Length)];
                    break;
                default:
                    // Duplicate a slice (a second OPT record, repeated records).
                    var len = Math.Min(message.Count - at, random.Next(1, 24));
                    message.InsertRange(random.Next(message.Count), message.GetRange(at, len));
                    break;
            }
        }
        return [.. message];
    }
}
