Console.WriteLine("edgevoice");
