using System.Buffers.Binary;
using System.IO.Compression;

namespace ConnDiag.Core.Tests.Reports.Support;

/// <summary>
/// Just enough of a PNG decoder to look at a screenshot: the IHDR size, the IDAT stream inflated with zlib, the five
/// row filters undone, pixels as RGB. 8-bit truecolour (with or without alpha) and greyscale, not interlaced: what
/// Chromium writes. Anything else fails loudly rather than being misread.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * _channels;
            return _channels >= 3 ? (_pixels[i], _pixels[i + 1], _pixels[i + 2]) : (_pixels[i], _pixels[i], _pixels[i]);
        }
    }

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG file (signature)");
        int width = 0, height = 0, channels = 0;
        var idat = new MemoryStream();
        var pos = 8;
        var sawEnd = false;
        while (pos + 8 <= png.Length && !sawEnd)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (length < 0 || pos + 12 + length > png.Length) throw new InvalidDataException($"PNG chunk {type} runs past the end");
            var data = png.AsSpan(pos + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var bitDepth = data[8];
                    var colorType = data[9];
                    var interlace = data[12];
                    if (bitDepth != 8 || interlace != 0) throw new InvalidDataException($"PNG bit depth {bitDepth}, interlace {interlace}: not supported here");
                    channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {colorType}: not supported here") };
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            pos += 12 + length;
        }
        if (width <= 0 || height <= 0 || !sawEnd) throw new InvalidDataException("PNG without IHDR or IEND");

        var stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            var read = 0;
            int n;
            while (read < raw.Length && (n = z.Read(raw, read, raw.Length - read)) > 0) read += n;
            if (read != raw.Length) throw new InvalidDataException($"PNG pixel data is short: {read} of {raw.Length} bytes");
        }
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var src = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var up = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0, b = up[i], c = i >= channels ? up[i - channels] : 0;
                row[i] = (byte)(src[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG row filter {filter}"),
                });
            }
        }
        return new PngImage(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Pixels that are not (nearly) white.</summary>
    public int CountNonWhite()
    {
        var n = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = this[x, y];
                if (r < 240 || g < 240 || b < 240) n++;
            }
        }
        return n;
    }

    /// <summary>Pixels close to <paramref name="rgb"/> (each channel within <paramref name="tolerance"/>).</summary>
    public int Count((int R, int G, int B) rgb, int tolerance = 12)
    {
        var n = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = this[x, y];
                if (Math.Abs(r - rgb.R) <= tolerance && Math.Abs(g - rgb.G) <= tolerance && Math.Abs(b - rgb.B) <= tolerance) n++;
            }
        }
        return n;
    }
}
