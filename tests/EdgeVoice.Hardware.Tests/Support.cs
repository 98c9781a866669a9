using EdgeVoice.Testing;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Hardware.Tests;

